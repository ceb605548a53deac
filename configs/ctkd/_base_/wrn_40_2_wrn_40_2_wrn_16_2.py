# CTKD with the WRN triple of the paper and its released code: expert
# wrn_40_2 (frozen), scratch teacher wrn_40_2, student wrn_16_2. Stage outputs
# at 32x32: layer1 32@32, layer2 64@16, layer3 128@8. The last attention is
# taken at the last block of layer3 (wrn_40_2: layer3.5, wrn_16_2: layer3.1),
# before the network's final BN-ReLU, as the released code does (g2 before
# `bn`) and as configs/distill/at_wrn_40_2_wrn_16_2_cifar100_std.py does.
_base_ = [
    '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py',
    './ctkd.py',
]

model = dict(
    architecture=_base_.wrn_16_2,
    scratch_teacher=_base_.wrn_40_2,
    teacher=_base_.wrn_40_2,
    distiller=dict(
        student_recorders=dict(g3=dict(source='backbone.layer3.1')),
        teacher_recorders=dict(g3=dict(source='backbone.layer3.5'))))
