# FT stage 1 on CIFAR-100, resnet32x4 -> shufflev2, standard teacher from
#   python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Writes work_dirs/ft_resnet32x4_shufflev2_cifar100_pretrain_std/epoch_30.pth,
# read by ./ft_resnet32x4_shufflev2_cifar100_std.py.
_base_ = ['./_base_/ft_pretrain_resnet32x4_shufflev2_cifar100.py']
teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'
model = dict(teacher_ckpt=teacher_ckpt)
