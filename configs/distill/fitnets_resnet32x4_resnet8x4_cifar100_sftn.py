# FitNets on CIFAR-100, resnet32x4 -> resnet8x4, SFTN teacher from
#   python tools/train.py configs/sftkd/sftn_resnet32x4_resnet8x4_cifar100.py
_base_ = ['./_base_/fitnets_resnet32x4_resnet8x4_cifar100.py']
teacher_ckpt = 'work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(teacher_ckpt=teacher_ckpt)
