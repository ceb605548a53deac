# IE + KD (Huang et al., CVPR 2021; Hinton et al., 2015), CIFAR-100, wrn_40_2
# -> wrn_16_2: the IE terms plus the KD terms and student CE weight of
# configs/distill/_base_/kd.py (the CRD recipe: CE 0.1, KL 0.9, tau 4).
# Needs the checkpoints named in ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
# Run: python tools/train.py configs/iekd/iekd_wrn_40_2_wrn_16_2_cifar100.py
_base_ = [
    './_base_/cifar100.py',
    '../distill/_base_/kd.py',
    './_base_/ie_wrn_40_2_wrn_16_2_cifar100.py',
]
student = _base_.ie_model.architecture
model = dict(
    _base_.ie_model,
    architecture=dict(
        student,
        head=dict(
            student.head,
            loss=_base_.model.architecture.head.loss)))
del student
