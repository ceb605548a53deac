# IE-KD (Huang et al., CVPR 2021) alone: CE + inheritance + exploration,
# CIFAR-100, wrn_40_2 -> wrn_16_2, stock SingleTeacherDistill (./_base_/ie.py).
# Needs the checkpoints named in ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
# Run: python tools/train.py configs/iekd/ie_wrn_40_2_wrn_16_2_cifar100.py
_base_ = ['./_base_/cifar100.py', './_base_/ie_wrn_40_2_wrn_16_2_cifar100.py']
model = _base_.ie_model
