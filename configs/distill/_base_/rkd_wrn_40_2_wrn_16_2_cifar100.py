_base_ = [
    './cifar100.py', './rkd.py', '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py'
]
model = dict(
    architecture=_base_.wrn_16_2,
    teacher=_base_.wrn_40_2)
