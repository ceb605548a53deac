# IE-KD (Huang et al., CVPR 2021) alone: CE + inheritance + exploration,
# CIFAR-100, resnet110 -> resnet32, stock SingleTeacherDistill
# (./_base_/ie.py).
# Needs the checkpoints named in ./_base_/ie_resnet110_resnet32_cifar100.py.
# Run: python tools/train.py configs/iekd/ie_resnet110_resnet32_cifar100.py
_base_ = ['./_base_/cifar100.py', './_base_/ie_resnet110_resnet32_cifar100.py']
model = _base_.ie_model
