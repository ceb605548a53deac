# CTKD, collaborative teaching KD (Zhao et al., arXiv 1907.09643), CIFAR-100,
# with an SFTN expert: expert resnet32x4 trained as a student-friendly teacher
# (SFTN, Park et al. 2021; its export is a plain classifier state_dict),
# frozen; scratch teacher resnet32x4 (trained in this run); student
# resnet8x4. Not Curriculum Temperature KD.
# ./ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_std.py is this file with a
# standard expert. Model and loss: ./_base_/resnet32x4_resnet32x4_resnet8x4.py;
# schedule: the released recipe, ./_base_/schedule_released_200e.py.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/resnet_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_sftn.py
_base_ = [
    '../_base_/datasets/cifar100_bs64.py',
    './_base_/schedule_released_200e.py',
    '../_base_/default_runtime.py',
    './_base_/resnet32x4_resnet32x4_resnet8x4.py',
]
default_scope = 'mmrazor'

expert_ckpt = 'work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(expert_ckpt=expert_ckpt)
train_dataloader = dict(batch_size=128)
