_base_ = [
    './cifar100.py', './at.py', '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_resnet8x4.py'
]
model = dict(
    architecture=_base_.resnet8x4,
    teacher=_base_.resnet32x4)
