# IE + FT (Huang et al., CVPR 2021; Kim et al., NeurIPS 2018), CIFAR-100,
# resnet110 -> resnet32: the IE terms plus ./_base_/ieft.py
# (Translator 64 -> 32).
# Needs the checkpoints named in ./_base_/ie_resnet110_resnet32_cifar100.py.
# Run: python tools/train.py configs/iekd/ieft_resnet110_resnet32_cifar100.py
_base_ = [
    './_base_/cifar100.py',
    './_base_/ieft.py',
    './_base_/ie_resnet110_resnet32_cifar100.py',
]
model = _base_.ie_model
