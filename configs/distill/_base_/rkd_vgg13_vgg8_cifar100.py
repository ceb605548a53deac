_base_ = [
    './cifar100.py', './rkd.py', '../../_base_/models/cifar_vgg13.py',
    '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=_base_.vgg8,
    teacher=_base_.vgg13)
