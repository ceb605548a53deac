# FT stage 2 on CIFAR-100, vgg13 -> vgg8, standard teacher from
#   python tools/train.py configs/teachers/vgg13_cifar100.py
# and the paraphraser from
#   python tools/train.py configs/distill/ft_vgg13_vgg8_cifar100_pretrain_std.py
_base_ = ['./_base_/ft_vgg13_vgg8_cifar100.py']
teacher_ckpt = 'work_dirs/vgg13_cifar100/epoch_240.pth'
paraphraser_ckpt = 'work_dirs/ft_vgg13_vgg8_cifar100_pretrain_std/epoch_30.pth'
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=paraphraser_ckpt)))
