from .teacher_export_hook import TeacherExportHook

__all__ = ['TeacherExportHook']
