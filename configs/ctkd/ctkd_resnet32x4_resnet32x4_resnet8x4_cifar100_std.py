# CTKD, collaborative teaching KD (Zhao et al., arXiv 1907.09643), CIFAR-100,
# with a standard expert: expert resnet32x4 (trained alone, frozen), scratch
# teacher resnet32x4 (trained in this run), student resnet8x4.
# ./ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_sftn.py is this file with an
# SFTN expert.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_std.py
_base_ = ['./ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_sftn.py']

expert_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'
model = dict(expert_ckpt=expert_ckpt)
