# Stage-2 distillation on the embedded digits set (short schedule).
_base_ = ['../../_base_/digits_short.py']

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
