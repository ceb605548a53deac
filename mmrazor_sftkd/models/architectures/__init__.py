from .student_branch import StudentBranch, build_stage_transform
from .student_tail import build_student_tail, output_shape

__all__ = [
    'StudentBranch', 'build_stage_transform', 'build_student_tail',
    'output_shape'
]
