# FT stage 2 on CIFAR-100, wrn_40_2 -> wrn_16_2, SFTN teacher from
#   python tools/train.py configs/sftkd/sftn_wrn_40_2_wrn_16_2_cifar100.py
# and the paraphraser from
#   python tools/train.py configs/distill/ft_wrn_40_2_wrn_16_2_cifar100_pretrain_sftn.py
_base_ = ['./_base_/ft_wrn_40_2_wrn_16_2_cifar100.py']
teacher_ckpt = 'work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth'  # noqa: E501
paraphraser_ckpt = 'work_dirs/ft_wrn_40_2_wrn_16_2_cifar100_pretrain_sftn/epoch_30.pth'  # noqa: E501
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=paraphraser_ckpt)))
