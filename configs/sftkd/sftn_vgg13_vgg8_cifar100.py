# SFTN teacher vgg13 trained with vgg8 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_vgg13_vgg8_cifar100.py
# -> work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth, the teacher
#    that configs/distill/*_vgg13_vgg8_cifar100_sftn.py load.
_base_ = [
    './_base_/cifar100.py',
    './_base_/sftn.py',
    '../_base_/models/cifar_vgg13.py',
    '../_base_/models/cifar_vgg8.py',
]

# The teacher's head loss is l_T.
model = dict(architecture=_base_.vgg13, student=_base_.vgg8)
