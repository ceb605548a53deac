# FT stage 1 on CIFAR-100, wrn_40_2 -> wrn_16_2, standard teacher from
#   python tools/train.py configs/teachers/wrn_40_2_cifar100.py
# Writes work_dirs/ft_wrn_40_2_wrn_16_2_cifar100_pretrain_std/epoch_30.pth,
# read by ./ft_wrn_40_2_wrn_16_2_cifar100_std.py.
_base_ = ['./_base_/ft_pretrain_wrn_40_2_wrn_16_2_cifar100.py']
teacher_ckpt = 'work_dirs/wrn_40_2_cifar100/epoch_240.pth'
model = dict(teacher_ckpt=teacher_ckpt)
