# CTKD (Zhao et al., arXiv 1907.09643), CIFAR-10: the networks of
# ./ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar100.py with 10-class heads.
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar10/epoch_240.pth
#     python tools/train.py configs/ctkd/experts/wrn_40_2_cifar10.py
# Run: python tools/train.py configs/ctkd/ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar10.py
_base_ = [
    '../_base_/datasets/cifar10_bs64.py',
    './_base_/schedule_released_200e.py',
    '../_base_/default_runtime.py',
    './_base_/wrn_40_2_wrn_40_2_wrn_16_2.py',
]

ten_classes = dict(head=dict(num_classes=10))
model = dict(
    teacher_ckpt='work_dirs/wrn_40_2_cifar10/epoch_240.pth',
    architecture=ten_classes,
    scratch_teacher=ten_classes,
    teacher=ten_classes)
train_dataloader = dict(batch_size=128)
