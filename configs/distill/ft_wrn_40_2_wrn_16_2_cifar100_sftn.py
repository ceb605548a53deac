# FT (factor transfer, Kim et al., NeurIPS 2018) stage 2 of 2, with stock
# MMRazor classes. CIFAR-100, wrn_40_2 -> wrn_16_2, with the SFTN teacher
# (trained with wrn_16_2 branches): ./ft_wrn_40_2_wrn_16_2_cifar100_std.py with
# only the teacher checkpoint changed, and the paraphraser pre-trained on that
# teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/sftn_wrn_40_2_wrn_16_2_cifar100.py
#   work_dirs/ft_wrn_40_2_wrn_16_2_cifar100_pretrain_sftn/epoch_30.pth
#     python tools/train.py configs/distill/ft_wrn_40_2_wrn_16_2_cifar100_pretrain_sftn.py
# Run: python tools/train.py configs/distill/ft_wrn_40_2_wrn_16_2_cifar100_sftn.py
_base_ = ['./ft_wrn_40_2_wrn_16_2_cifar100_std.py']

teacher_ckpt = 'work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth'  # noqa: E501
paraphraser_ckpt = 'work_dirs/ft_wrn_40_2_wrn_16_2_cifar100_pretrain_sftn/epoch_30.pth'  # noqa: E501
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=paraphraser_ckpt)))
