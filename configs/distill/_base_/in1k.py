# Stage-2 distillation on ImageNet-1k with MMPretrain's own dataset, schedule
# and runtime (../../_base_/imagenet_bs32.py), the layout of MMRazor's own
# ImageNet distillation configs. The standard ResNet-34 teacher: MMPretrain's
# model zoo weights for resnet34_8xb32_in1k saved as
# checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth, or
#   python tools/train.py configs/teachers/resnet34_in1k.py
#   (then --cfg-options model.teacher_ckpt=work_dirs/resnet34_in1k/epoch_100.pth)
_base_ = ['../../_base_/imagenet_bs32.py']

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
