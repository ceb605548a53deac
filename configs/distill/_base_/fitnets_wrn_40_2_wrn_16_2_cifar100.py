# Hint: layer2 of both, 64@16.
_base_ = [
    './cifar100.py', './fitnets.py', '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py'
]
model = dict(
    architecture=_base_.wrn_16_2,
    teacher=_base_.wrn_40_2,
    distiller=dict(
        connectors=dict(loss_hint_sfeat=dict(in_channel=64, out_channel=64))))
