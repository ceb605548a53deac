# The teacher's backbone.layer3.5 (128@8), 128 -> 64 channels.
# WRN: the last feature is the last block of layer3 (layer3.5 / layer3.1), not
# layer3: our layer3 ends with the network's final BN-ReLU, and RepDistiller's
# feature (like Zagoruyko's code) is taken before it.
_base_ = [
    './cifar100_ft_pretrain.py', './ft_pretrain.py',
    '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py'
]
model = dict(
    architecture=_base_.wrn_16_2,
    teacher=_base_.wrn_40_2,
    distiller=dict(
        teacher_recorders=dict(feat=dict(source='backbone.layer3.5')),
        connectors=dict(loss_ft_tfeat=[
            dict(type='Paraphraser', phase='pretrain', in_channel=128,
                 out_channel=64),
        ])))
