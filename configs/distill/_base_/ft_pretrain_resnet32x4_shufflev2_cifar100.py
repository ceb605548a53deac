_base_ = [
    './cifar100_ft_pretrain.py', './ft_pretrain.py',
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_shufflev2.py'
]
model = dict(
    architecture=_base_.shufflev2,
    teacher=_base_.resnet32x4)
