# WRN: the last feature is the last block of layer3 (layer3.5 / layer3.1), not
# layer3: our layer3 ends with the network's final BN-ReLU, and RepDistiller's
# feature (like Zagoruyko's code) is taken before it.
_base_ = [
    './cifar100.py', './at.py', '../../_base_/models/cifar_wrn_40_2.py',
    '../../_base_/models/cifar_wrn_16_2.py'
]
model = dict(
    architecture=_base_.wrn_16_2,
    teacher=_base_.wrn_40_2,
    distiller=dict(
        student_recorders=dict(s3=dict(source='backbone.layer3.1')),
        teacher_recorders=dict(t3=dict(source='backbone.layer3.5'))))
