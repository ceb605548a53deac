# IE-KD stage 1 of 2 on CIFAR-100: the auto-encoder of the wrn_40_2 teacher's
# backbone.layer3 (128@8, the last feature before pooling), k = 32
# (./_base_/ae.py).
# Needs work_dirs/wrn_40_2_cifar100/epoch_240.pth
#   python tools/train.py configs/teachers/wrn_40_2_cifar100.py
# Writes work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth,
# read by configs/iekd/ie*_wrn_40_2_*_cifar100.py.
_base_ = [
    './_base_/cifar100_ae.py',
    './_base_/ae.py',
    '../_base_/models/cifar_wrn_40_2.py',
]
teacher_ckpt = 'work_dirs/wrn_40_2_cifar100/epoch_240.pth'
model = dict(
    teacher=_base_.wrn_40_2,
    teacher_ckpt=teacher_ckpt,
    distiller=dict(connectors=dict(ie_teacher_ae=dict(in_channels=128))))
