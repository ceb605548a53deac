# CTKD (Zhao et al., arXiv 1907.09643), CIFAR-100: the standard resnet32x4
# expert (frozen), a resnet32x4 scratch teacher and a resnet8x4 student.
# ./ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_sftn.py has the SFTN expert.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_std.py
_base_ = [
    './_base_/cifar100_released.py',
    './_base_/resnet32x4_resnet32x4_resnet8x4.py',
]

model = dict(teacher_ckpt='work_dirs/resnet32x4_cifar100/epoch_240.pth')
