# IE-KD (Huang et al., CVPR 2021) alone: CE + inheritance + exploration,
# CIFAR-100, resnet110 -> resnet32, stock SingleTeacherDistill. All IE settings
# are in ./_base_/ie_resnet110_resnet32_cifar100.py.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet110_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet110_cifar100.py
#   work_dirs/ae_resnet110_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_resnet110_cifar100.py
# An SFTN teacher export (plain classifier state_dict, ..._teacher.pth) can
# replace the teacher: see ./_base_/ie_resnet110_resnet32_cifar100.py.
# Run: python tools/train.py configs/iekd/ie_resnet110_resnet32_cifar100.py
_base_ = ['./_base_/ie_resnet110_resnet32_cifar100.py']
