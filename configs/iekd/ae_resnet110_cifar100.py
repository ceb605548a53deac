# IE-KD stage 1 of 2 on CIFAR-100: the auto-encoder of the resnet110 teacher's
# backbone.layer3 (64@8, the last feature before pooling), k = 32
# (./_base_/ae.py).
# Needs work_dirs/resnet110_cifar100/epoch_240.pth
#   python tools/train.py configs/teachers/resnet110_cifar100.py
# Writes work_dirs/ae_resnet110_cifar100/epoch_30.pth,
# read by configs/iekd/ie*_resnet110_*_cifar100.py.
_base_ = [
    './_base_/cifar100_ae.py',
    './_base_/ae.py',
    '../_base_/models/cifar_resnet110.py',
]
teacher_ckpt = 'work_dirs/resnet110_cifar100/epoch_240.pth'
model = dict(
    teacher=_base_.resnet110,
    teacher_ckpt=teacher_ckpt,
    distiller=dict(connectors=dict(ie_teacher_ae=dict(in_channels=64))))
