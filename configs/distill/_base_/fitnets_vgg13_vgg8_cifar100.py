# Hint: layer2 of both, 256@8.
_base_ = [
    './cifar100.py', './fitnets.py', '../../_base_/models/cifar_vgg13.py',
    '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=_base_.vgg8,
    teacher=_base_.vgg13,
    distiller=dict(
        connectors=dict(
            loss_hint_sfeat=dict(in_channel=256, out_channel=256))))
