_base_ = [
    './cifar100_shufflev2.py', './kd.py',
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_shufflev2.py'
]
model = dict(
    architecture=dict(
        _base_.shufflev2,
        head=dict(_base_.shufflev2.head,
                  loss=_base_.model.architecture.head.loss)),
    teacher=_base_.resnet32x4)
