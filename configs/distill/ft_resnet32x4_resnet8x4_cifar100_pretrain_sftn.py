# FT (factor transfer, Kim et al., NeurIPS 2018) stage 1 of 2, paraphraser
# pre-training, with stock MMRazor classes. CIFAR-100, teacher resnet32x4
# (SFTN, trained with resnet8x4 branches) for the student resnet8x4:
# ./ft_resnet32x4_resnet8x4_cifar100_pretrain_std.py with only the teacher
# checkpoint changed.
#
# Needs (with the command that writes it):
#   work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/sftn_resnet32x4_resnet8x4_cifar100.py
# Run: python tools/train.py configs/distill/ft_resnet32x4_resnet8x4_cifar100_pretrain_sftn.py
#
# Writes (read by the stage-2 config ft_resnet32x4_resnet8x4_cifar100_sftn.py):
#   work_dirs/ft_resnet32x4_resnet8x4_cifar100_pretrain_sftn/epoch_30.pth
_base_ = ['./ft_resnet32x4_resnet8x4_cifar100_pretrain_std.py']

teacher_ckpt = 'work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(teacher_ckpt=teacher_ckpt)
