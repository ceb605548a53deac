# CTKD, collaborative teaching KD (Zhao et al., arXiv 1907.09643), CIFAR-10:
# expert wrn_40_2 (frozen), scratch teacher wrn_40_2 (trained in this run),
# student wrn_16_2. Not Curriculum Temperature KD.
# Model and loss: ./_base_/wrn_40_2_wrn_40_2_wrn_16_2.py (heads set to 10
# classes here); schedule: the released recipe,
# ./_base_/schedule_released_200e.py.
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar10/epoch_240.pth
#     python tools/train.py configs/ctkd/experts/wrn_40_2_cifar10.py
# Run: python tools/train.py configs/ctkd/ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar10.py
# Released pairing (expert -> scratch teacher): add
#   --cfg-options model.distiller.expert_pairing=released
_base_ = [
    '../_base_/datasets/cifar10_bs64.py',
    './_base_/schedule_released_200e.py',
    '../_base_/default_runtime.py',
    './_base_/wrn_40_2_wrn_40_2_wrn_16_2.py',
]
default_scope = 'mmrazor'

expert_ckpt = 'work_dirs/wrn_40_2_cifar10/epoch_240.pth'
model = dict(
    expert_ckpt=expert_ckpt,
    architecture=dict(head=dict(num_classes=10)),
    scratch_teacher=dict(head=dict(num_classes=10)),
    expert=dict(head=dict(num_classes=10)))
train_dataloader = dict(batch_size=128)
