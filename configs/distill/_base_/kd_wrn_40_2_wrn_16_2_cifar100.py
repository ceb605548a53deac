_base_ = [
    './cifar100.py', './kd.py', '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py'
]
model = dict(
    architecture=dict(
        _base_.wrn_16_2,
        head=dict(_base_.wrn_16_2.head,
                  loss=_base_.model.architecture.head.loss)),
    teacher=_base_.wrn_40_2)
