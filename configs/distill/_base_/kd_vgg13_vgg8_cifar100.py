_base_ = [
    './cifar100.py', './kd.py', '../../_base_/models/cifar_vgg13.py',
    '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=dict(
        _base_.vgg8,
        head=dict(_base_.vgg8.head,
                  loss=_base_.model.architecture.head.loss)),
    teacher=_base_.vgg13)
