# IE + AT (Huang et al., CVPR 2021; Zagoruyko & Komodakis, ICLR 2017),
# CIFAR-100, resnet56 -> resnet20: the IE terms plus the AT terms of
# configs/distill/_base_/at.py (layer1-3, weight 1000 each; CE 1.0).
# Needs the checkpoints named in ./_base_/ie_resnet56_resnet20_cifar100.py.
# Run: python tools/train.py configs/iekd/ieat_resnet56_resnet20_cifar100.py
_base_ = [
    './_base_/cifar100.py',
    '../distill/_base_/at.py',
    './_base_/ie_resnet56_resnet20_cifar100.py',
]
model = _base_.ie_model
