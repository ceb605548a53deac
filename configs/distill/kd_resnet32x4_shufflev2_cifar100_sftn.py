# KD (Hinton et al., 2015) with stock MMRazor classes. CIFAR-100, resnet32x4 ->
# shufflev2, with the SFTN teacher (trained with shufflev2 branches):
# ./kd_resnet32x4_shufflev2_cifar100_std.py with only the teacher checkpoint
# changed.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_resnet32x4_shufflev2_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/sftn_resnet32x4_shufflev2_cifar100.py
# Run: python tools/train.py configs/distill/kd_resnet32x4_shufflev2_cifar100_sftn.py
_base_ = ['./kd_resnet32x4_shufflev2_cifar100_std.py']

teacher_ckpt = 'work_dirs/sftn_resnet32x4_shufflev2_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(teacher_ckpt=teacher_ckpt)
