# CTKD on digits: expert resnet56, scratch teacher resnet56, student resnet20
# (../ctkd_resnet56_resnet56_resnet20_digits.py and its variants).
_base_ = [
    '../../_base_/digits_short.py',
    '../../_base_/models/cifar_resnet56.py',
    '../../_base_/models/cifar_resnet20.py',
    '../../_base_/models/digits_head.py',
    './ctkd.py',
]

model = dict(
    architecture=dict(_base_.resnet20, head=_base_.digits_head),
    scratch_teacher=dict(_base_.resnet56, head=_base_.digits_head),
    teacher=dict(_base_.resnet56, head=_base_.digits_head),
    teacher_ckpt='work_dirs/resnet56_digits/epoch_8.pth')

find_unused_parameters = True
# Student metrics plain (accuracy/top1), teachers' prefixed
# (scratch.accuracy/top1, expert.accuracy/top1), one pass over the data.
val_cfg = dict(_delete_=True, type='mmrazor.MultiModelValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
