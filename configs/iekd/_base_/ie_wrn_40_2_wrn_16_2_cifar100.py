# Shared by configs/iekd/ie*_wrn_40_2_wrn_16_2_cifar100.py: IE-KD stage 2
# (Huang et al., CVPR 2021) alone, as an add-on to stock MMRazor
# (SingleTeacherDistill + ConfigurableDistiller), CIFAR-100, teacher wrn_40_2,
# student wrn_16_2. The IE part, its losses, weights and recipe are those of
# ./ie_resnet56_resnet20_cifar100.py (see its comments); here the networks,
# the checkpoints and the channels differ. Each method config adds its own
# terms (KD, AT, FT) to this distiller.
#
# Checkpoints (each with the command that writes it):
#   teacher_ckpt  work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
#   ae_ckpt       work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_wrn_40_2_cifar100.py
# An SFTN teacher export (a plain classifier state_dict,
# ..._teacher.pth) is a valid teacher_ckpt; pair it with an auto-encoder
# trained on that teacher (see configs/iekd/ae_wrn_40_2_cifar100.py):
#   --cfg-options model.teacher_ckpt=.../epoch_240_teacher.pth \
#     model.distiller.init_cfg.checkpoint=\
#     work_dirs/ae_wrn_40_2_cifar100_sftn/epoch_30.pth
#
# IE: the student's backbone.layer3 is 128@8 (the last feature before
# pooling), so each half has 64 channels (IEFactorEncoder 64 -> k = 32); the
# teacher's backbone.layer3 is 128@8 too. Connector lists are replaced whole
# when a config inherits, so both are restated.
_base_ = ['./ie_resnet56_resnet20_cifar100.py']

teacher_ckpt = 'work_dirs/wrn_40_2_cifar100/epoch_240.pth'
ae_ckpt = 'work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth'
factor_channels = 32
ie_split = dict(in_channels=128, ratio=0.5, mode='natural', seed=None)

model = dict(
    architecture=dict(
        backbone=dict(type='CIFARWideResNet', arch='wrn_16_2'),
        head=dict(in_channels=128)),
    teacher=dict(
        backbone=dict(type='CIFARWideResNet', arch='wrn_40_2'),
        head=dict(in_channels=128)),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        init_cfg=dict(checkpoint=ae_ckpt),
        connectors=dict(
            ie_teacher_ae=dict(in_channels=128),
            ie_inherit=[
                dict(type='IEChannelSplit', part='inheritance', **ie_split),
                dict(
                    type='IEFactorEncoder',
                    in_channels=64,
                    factor_channels=factor_channels),
            ],
            ie_explore=[
                dict(type='IEChannelSplit', part='exploration', **ie_split),
                dict(
                    type='IEFactorEncoder',
                    in_channels=64,
                    factor_channels=factor_channels),
            ])))
