# The IE model (./ie.py) for wrn_40_2 -> wrn_16_2 on CIFAR-100, shared by
# ../ie*_wrn_40_2_wrn_16_2_cifar100.py. Both last stages are 128@8, so each
# half has 64 channels (IEFactorEncoder 64 -> k = 32); the connector lists are
# given whole.
# Checkpoints (each with the command that writes it):
#   teacher_ckpt  work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
#   ae_ckpt       work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_wrn_40_2_cifar100.py
_base_ = [
    './ie.py',
    '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py',
]

teacher_ckpt = 'work_dirs/wrn_40_2_cifar100/epoch_240.pth'
ae_ckpt = 'work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth'
ie_split = dict(_base_.ie_split, in_channels=128)
encoder = dict(
    type='IEFactorEncoder',
    in_channels=64,
    factor_channels=_base_.factor_channels)

ie_model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    architecture=_base_.wrn_16_2,
    teacher=_base_.wrn_40_2,
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        _base_.ie_distiller,
        init_cfg=dict(_base_.ie_distiller.init_cfg, checkpoint=ae_ckpt),
        connectors=dict(
            ie_teacher_ae=dict(
                _base_.ie_distiller.connectors.ie_teacher_ae,
                in_channels=128),
            ie_inherit=[
                dict(type='IEChannelSplit', part='inheritance', **ie_split),
                encoder,
            ],
            ie_explore=[
                dict(type='IEChannelSplit', part='exploration', **ie_split),
                encoder,
            ])))
del encoder
