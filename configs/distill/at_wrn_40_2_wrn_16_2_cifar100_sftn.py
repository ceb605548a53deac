# AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), with stock MMRazor
# classes. CIFAR-100, wrn_40_2 -> wrn_16_2, with the SFTN teacher (trained with
# wrn_16_2 branches): ./at_wrn_40_2_wrn_16_2_cifar100_std.py with only the
# teacher checkpoint changed.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/sftn_wrn_40_2_wrn_16_2_cifar100.py
# Run: python tools/train.py configs/distill/at_wrn_40_2_wrn_16_2_cifar100_sftn.py
_base_ = ['./at_wrn_40_2_wrn_16_2_cifar100_std.py']

teacher_ckpt = 'work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(teacher_ckpt=teacher_ckpt)
