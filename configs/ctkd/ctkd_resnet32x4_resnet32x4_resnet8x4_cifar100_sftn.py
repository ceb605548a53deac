# CTKD, collaborative teaching KD (Zhao et al., arXiv 1907.09643), CIFAR-100,
# with an SFTN expert: expert resnet32x4 trained as a student-friendly teacher
# (SFTN, Park et al. 2021; its export is a plain classifier state_dict),
# frozen; scratch teacher resnet32x4 (trained in this run); student
# resnet8x4. ./ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_std.py has a
# standard expert. Loss: ./_base_/ctkd.py; schedule: the released recipe.
#
# Needs (each with the command that writes it):
#   work_dirs/sftn_resnet32x4_resnet8x4_cifar100/epoch_240_teacher.pth
#     python tools/train.py configs/sftkd/resnet_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_sftn.py
_base_ = [
    './_base_/cifar100_released.py',
    './_base_/resnet32x4_resnet32x4_resnet8x4.py',
]

model = dict(
    teacher_ckpt='work_dirs/sftn_resnet32x4_resnet8x4_cifar100/'
    'epoch_240_teacher.pth')
