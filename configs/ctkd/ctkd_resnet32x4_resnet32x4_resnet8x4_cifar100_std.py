# CTKD (Zhao et al., arXiv 1907.09643), CIFAR-100: the standard resnet32x4
# expert (frozen), a resnet32x4 scratch teacher and a resnet8x4 student.
# ./ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_sftn.py has the SFTN expert.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_std.py
_base_ = [
    '../_base_/datasets/cifar100_bs64.py',
    './_base_/schedule_released_200e.py',
    '../_base_/default_runtime.py',
    '../_base_/models/cifar_resnet32x4.py',
    '../_base_/models/cifar_resnet8x4.py',
    './_base_/ctkd.py',
]

model = dict(
    architecture=_base_.resnet8x4,
    scratch_teacher=_base_.resnet32x4,
    teacher=_base_.resnet32x4,
    teacher_ckpt='work_dirs/resnet32x4_cifar100/epoch_240.pth')
train_dataloader = dict(batch_size=128)
