# IE + AT (Huang et al., CVPR 2021; Zagoruyko & Komodakis, ICLR 2017),
# CIFAR-100, wrn_40_2 -> wrn_16_2: the IE terms plus the AT terms of
# configs/distill/_base_/at.py (layer1-3, weight 1000 each; CE 1.0).
# WRN: the last pair takes the last block of layer3 (layer3.5 / layer3.1),
# before the final BN-ReLU, as configs/distill/at_wrn_*.
# Needs the checkpoints named in ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
# Run: python tools/train.py configs/iekd/ieat_wrn_40_2_wrn_16_2_cifar100.py
_base_ = [
    './_base_/cifar100.py',
    '../distill/_base_/at.py',
    './_base_/ie_wrn_40_2_wrn_16_2_cifar100.py',
]
distiller = _base_.ie_model.distiller
model = dict(
    _base_.ie_model,
    distiller=dict(
        distiller,
        student_recorders=dict(
            distiller.student_recorders,
            s3=dict(type='ModuleOutputs', source='backbone.layer3.1')),
        teacher_recorders=dict(
            distiller.teacher_recorders,
            t3=dict(type='ModuleOutputs', source='backbone.layer3.5'))))
del distiller
