# IE-KD (Huang et al., CVPR 2021) alone: CE + inheritance + exploration,
# CIFAR-100, wrn_40_2 -> wrn_16_2, stock SingleTeacherDistill. All IE settings
# are in ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
#   work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_wrn_40_2_cifar100.py
# An SFTN teacher export (plain classifier state_dict, ..._teacher.pth) can
# replace the teacher: see ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
# Run: python tools/train.py configs/iekd/ie_wrn_40_2_wrn_16_2_cifar100.py
_base_ = ['./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py']
