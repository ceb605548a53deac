# AT on CIFAR-100, resnet32x4 -> resnet8x4, standard teacher from
#   python tools/train.py configs/teachers/resnet32x4_cifar100.py
_base_ = ['./_base_/at_resnet32x4_resnet8x4_cifar100.py']
teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'
model = dict(teacher_ckpt=teacher_ckpt)
