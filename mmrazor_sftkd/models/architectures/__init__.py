from .student_branch import StudentBranch, build_stage_transform

__all__ = ['StudentBranch', 'build_stage_transform']
