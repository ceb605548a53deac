# SFTN teacher resnet32x4 trained with resnet8x4 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_resnet32x4_resnet8x4_cifar100.py
# -> work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth,
#    loaded by configs/distill/*_resnet32x4_resnet8x4_cifar100_sftn.py.
_base_ = ['./_base_/sftn_resnet32x4_resnet8x4_cifar100.py']
