# CTKD, collaborative teaching KD (Zhao et al., arXiv 1907.09643), CIFAR-100:
# expert wrn_40_2 (frozen), scratch teacher wrn_40_2 (trained in this run),
# student wrn_16_2. Networks: ./_base_/wrn_40_2_wrn_40_2_wrn_16_2.py; loss:
# ./_base_/ctkd.py; schedule: the released recipe (one SGD, lr 0.1, batch
# 128, x0.2 at 60/120/160, 200 epochs).
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar100.py
_base_ = [
    './_base_/cifar100_released.py',
    './_base_/wrn_40_2_wrn_40_2_wrn_16_2.py',
]

model = dict(teacher_ckpt='work_dirs/wrn_40_2_cifar100/epoch_240.pth')
