# AT on CIFAR-100, resnet32x4 -> shufflev2, SFTN teacher from
#   python tools/train.py configs/sftkd/sftn_resnet32x4_shufflev2_cifar100.py
_base_ = ['./_base_/at_resnet32x4_shufflev2_cifar100.py']
teacher_ckpt = 'work_dirs/sftn_resnet32x4_shufflev2_cifar100/epoch_240_teacher.pth'  # noqa: E501
model = dict(teacher_ckpt=teacher_ckpt)
