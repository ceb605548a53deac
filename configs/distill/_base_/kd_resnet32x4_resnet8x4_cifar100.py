_base_ = [
    './cifar100.py', './kd.py', '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_resnet8x4.py'
]
model = dict(
    architecture=dict(
        _base_.resnet8x4,
        head=dict(_base_.resnet8x4.head,
                  loss=_base_.model.architecture.head.loss)),
    teacher=_base_.resnet32x4)
