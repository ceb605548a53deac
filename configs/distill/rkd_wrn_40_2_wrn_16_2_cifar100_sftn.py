# RKD on CIFAR-100, wrn_40_2 -> wrn_16_2, SFTN teacher from
#   python tools/train.py configs/sftkd/sftn_wrn_40_2_wrn_16_2_cifar100.py
_base_ = ['./_base_/rkd_wrn_40_2_wrn_16_2_cifar100.py']
teacher_ckpt = 'work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(teacher_ckpt=teacher_ckpt)
