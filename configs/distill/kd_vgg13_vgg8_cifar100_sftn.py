# KD on CIFAR-100, vgg13 -> vgg8, SFTN teacher from
#   python tools/train.py configs/sftkd/sftn_vgg13_vgg8_cifar100.py
_base_ = ['./_base_/kd_vgg13_vgg8_cifar100.py']
teacher_ckpt = 'work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth'
model = dict(teacher_ckpt=teacher_ckpt)
