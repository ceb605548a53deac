# FT (factor transfer, Kim et al., NeurIPS 2018) stage 2 of 2, with stock
# MMRazor classes. CIFAR-100, vgg13 -> vgg8, with the SFTN teacher (trained
# with vgg8 branches): ./ft_vgg13_vgg8_cifar100_std.py with only the teacher
# checkpoint changed, and the paraphraser pre-trained on that teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/sftn_vgg13_vgg8_cifar100.py
#   work_dirs/ft_vgg13_vgg8_cifar100_pretrain_sftn/epoch_30.pth
#     python tools/train.py configs/distill/ft_vgg13_vgg8_cifar100_pretrain_sftn.py
# Run: python tools/train.py configs/distill/ft_vgg13_vgg8_cifar100_sftn.py
_base_ = ['./ft_vgg13_vgg8_cifar100_std.py']

teacher_ckpt = 'work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth'
paraphraser_ckpt = 'work_dirs/ft_vgg13_vgg8_cifar100_pretrain_sftn/epoch_30.pth'  # noqa: E501
model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(init_cfg=dict(checkpoint=paraphraser_ckpt)))
