# IE-KD stage 1 of 2 on CIFAR-100: the auto-encoder of the resnet56 teacher's
# backbone.layer3 (64@8, the last feature before pooling), k = 32
# (./_base_/ae.py).
# Needs work_dirs/resnet56_cifar100/epoch_240.pth
#   python tools/train.py configs/teachers/resnet56_cifar100.py
# Writes work_dirs/ae_resnet56_cifar100/epoch_30.pth,
# read by configs/iekd/ie*_resnet56_*_cifar100.py.
_base_ = [
    './_base_/cifar100_ae.py',
    './_base_/ae.py',
    '../_base_/models/cifar_resnet56.py',
]
teacher_ckpt = 'work_dirs/resnet56_cifar100/epoch_240.pth'
model = dict(
    teacher=_base_.resnet56,
    teacher_ckpt=teacher_ckpt,
    distiller=dict(connectors=dict(ie_teacher_ae=dict(in_channels=64))))
