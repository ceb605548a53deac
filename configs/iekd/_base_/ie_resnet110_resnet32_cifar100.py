# The IE model (./ie.py) for resnet110 -> resnet32 on CIFAR-100 (64@8 last
# stage on both sides), shared by ../ie*_resnet110_resnet32_cifar100.py.
# Checkpoints (each with the command that writes it):
#   teacher_ckpt  work_dirs/resnet110_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet110_cifar100.py
#   ae_ckpt       work_dirs/ae_resnet110_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_resnet110_cifar100.py
_base_ = [
    './ie.py',
    '../../_base_/models/cifar_resnet110.py',
    '../../_base_/models/cifar_resnet32.py',
]

teacher_ckpt = 'work_dirs/resnet110_cifar100/epoch_240.pth'
ae_ckpt = 'work_dirs/ae_resnet110_cifar100/epoch_30.pth'

ie_model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    architecture=_base_.resnet32,
    teacher=_base_.resnet110,
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        _base_.ie_distiller,
        init_cfg=dict(_base_.ie_distiller.init_cfg, checkpoint=ae_ckpt)))
