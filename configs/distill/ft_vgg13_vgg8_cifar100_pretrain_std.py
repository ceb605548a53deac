# FT stage 1 on CIFAR-100, vgg13 -> vgg8, standard teacher from
#   python tools/train.py configs/teachers/vgg13_cifar100.py
# Writes work_dirs/ft_vgg13_vgg8_cifar100_pretrain_std/epoch_30.pth,
# read by ./ft_vgg13_vgg8_cifar100_std.py.
_base_ = ['./_base_/ft_pretrain_vgg13_vgg8_cifar100.py']
teacher_ckpt = 'work_dirs/vgg13_cifar100/epoch_240.pth'
model = dict(teacher_ckpt=teacher_ckpt)
