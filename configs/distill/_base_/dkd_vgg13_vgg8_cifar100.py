_base_ = [
    './cifar100.py', './dkd.py', '../../_base_/models/cifar_vgg13.py',
    '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=_base_.vgg8,
    teacher=_base_.vgg13,
    distiller=dict(distill_losses=dict(loss_dkd=dict(beta=6.0))))
