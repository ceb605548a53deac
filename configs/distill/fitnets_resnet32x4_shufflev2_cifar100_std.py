# FitNets on CIFAR-100, resnet32x4 -> shufflev2, standard teacher from
#   python tools/train.py configs/teachers/resnet32x4_cifar100.py
_base_ = ['./_base_/fitnets_resnet32x4_shufflev2_cifar100.py']
teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'
model = dict(teacher_ckpt=teacher_ckpt)
