# FitNets (Romero et al., ICLR 2015) with stock MMRazor classes. CIFAR-100,
# vgg13 -> vgg8, with the SFTN teacher (trained with vgg8 branches):
# ./fitnets_vgg13_vgg8_cifar100_std.py with only the teacher checkpoint
# changed.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/sftn_vgg13_vgg8_cifar100.py
# Run: python tools/train.py configs/distill/fitnets_vgg13_vgg8_cifar100_sftn.py
_base_ = ['./fitnets_vgg13_vgg8_cifar100_std.py']

teacher_ckpt = 'work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth'
model = dict(teacher_ckpt=teacher_ckpt)
