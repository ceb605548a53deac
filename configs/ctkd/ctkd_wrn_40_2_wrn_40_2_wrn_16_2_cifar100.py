# CTKD, collaborative teaching KD ("Highlight Every Step: Knowledge
# Distillation via Collaborative Teaching", Zhao et al., arXiv 1907.09643),
# CIFAR-100: expert wrn_40_2 (frozen), scratch teacher wrn_40_2 (trained in
# this run), student wrn_16_2. Not Curriculum Temperature KD.
# Model and loss: ./_base_/wrn_40_2_wrn_40_2_wrn_16_2.py; schedule: the
# released recipe, ./_base_/schedule_released_200e.py (one SGD, lr 0.1,
# batch 128, x0.2 at 60/120/160, 200 epochs).
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar100.py
# Released pairing (expert -> scratch teacher): add
#   --cfg-options model.distiller.expert_pairing=released
_base_ = [
    '../_base_/datasets/cifar100_bs64.py',
    './_base_/schedule_released_200e.py',
    '../_base_/default_runtime.py',
    './_base_/wrn_40_2_wrn_40_2_wrn_16_2.py',
]
default_scope = 'mmrazor'

expert_ckpt = 'work_dirs/wrn_40_2_cifar100/epoch_240.pth'
model = dict(expert_ckpt=expert_ckpt)
train_dataloader = dict(batch_size=128)
