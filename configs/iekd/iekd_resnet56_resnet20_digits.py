# IE-KD stage 2 of 2 on the digits set: IE + KD (Huang et al., CVPR 2021),
# resnet56 teacher, resnet20 student. This is the stock MMRazor KD config
# configs/distill/kd_resnet56_resnet20_digits.py (SingleTeacherDistill,
# KLDivergence tau 4 weight 0.9, CE 0.1) with the IE terms added to its
# ConfigurableDistiller: nothing else differs, so the two compare directly.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet56_digits/epoch_8.pth
#     python tools/train.py configs/teachers/resnet56_digits.py
#   work_dirs/ae_resnet56_digits/epoch_5.pth
#     python tools/train.py configs/iekd/ae_resnet56_digits.py
# Run: python tools/train.py configs/iekd/iekd_resnet56_resnet20_digits.py
# The IE terms and weights are those of ./_base_/ie.py.
_base_ = [
    '../distill/_base_/kd_resnet56_resnet20_digits.py',
    './_base_/ie.py',
]

teacher_ckpt = 'work_dirs/resnet56_digits/epoch_8.pth'
# Written by: python tools/train.py configs/iekd/ae_resnet56_digits.py
ae_ckpt = 'work_dirs/ae_resnet56_digits/epoch_5.pth'
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        _base_.ie_distiller,
        init_cfg=dict(_base_.ie_distiller.init_cfg, checkpoint=ae_ckpt)))
