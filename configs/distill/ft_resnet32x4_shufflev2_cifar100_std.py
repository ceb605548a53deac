# FT stage 2 on CIFAR-100, resnet32x4 -> shufflev2, standard teacher from
#   python tools/train.py configs/teachers/resnet32x4_cifar100.py
# and the paraphraser from
#   python tools/train.py configs/distill/ft_resnet32x4_shufflev2_cifar100_pretrain_std.py
_base_ = ['./_base_/ft_resnet32x4_shufflev2_cifar100.py']
teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'
paraphraser_ckpt = 'work_dirs/ft_resnet32x4_shufflev2_cifar100_pretrain_std/epoch_30.pth'  # noqa: E501
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=paraphraser_ckpt)))
