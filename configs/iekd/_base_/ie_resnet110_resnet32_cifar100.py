# Shared by configs/iekd/ie*_resnet110_resnet32_cifar100.py: IE-KD stage 2
# (Huang et al., CVPR 2021) alone, as an add-on to stock MMRazor
# (SingleTeacherDistill + ConfigurableDistiller), CIFAR-100, teacher resnet110,
# student resnet32. The IE part is that of ./ie_resnet56_resnet20_cifar100.py
# (same 64@8 last stage on both sides; see its comments); only the networks
# and the checkpoints differ. Each method config adds its own terms (KD, AT,
# FT) to this distiller.
#
# Checkpoints (each with the command that writes it):
#   teacher_ckpt  work_dirs/resnet110_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet110_cifar100.py
#   ae_ckpt       work_dirs/ae_resnet110_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_resnet110_cifar100.py
# An SFTN teacher export (a plain classifier state_dict,
# ..._teacher.pth) is a valid teacher_ckpt; pair it with an auto-encoder
# trained on that teacher (see configs/iekd/ae_resnet110_cifar100.py):
#   --cfg-options model.teacher_ckpt=.../epoch_240_teacher.pth \
#     model.distiller.init_cfg.checkpoint=\
#     work_dirs/ae_resnet110_cifar100_sftn/epoch_30.pth
_base_ = ['./ie_resnet56_resnet20_cifar100.py']

teacher_ckpt = 'work_dirs/resnet110_cifar100/epoch_240.pth'
ae_ckpt = 'work_dirs/ae_resnet110_cifar100/epoch_30.pth'

model = dict(
    architecture=dict(backbone=dict(arch='resnet32')),
    teacher=dict(backbone=dict(arch='resnet110')),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=ae_ckpt)))
