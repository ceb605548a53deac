# FT stage 2 on CIFAR-100, vgg13 -> vgg8, SFTN teacher from
#   python tools/train.py configs/sftkd/sftn_vgg13_vgg8_cifar100.py
# and the paraphraser from
#   python tools/train.py configs/distill/ft_vgg13_vgg8_cifar100_pretrain_sftn.py
_base_ = ['./_base_/ft_vgg13_vgg8_cifar100.py']
teacher_ckpt = 'work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth'
paraphraser_ckpt = 'work_dirs/ft_vgg13_vgg8_cifar100_pretrain_sftn/epoch_30.pth'  # noqa: E501
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=paraphraser_ckpt)))
