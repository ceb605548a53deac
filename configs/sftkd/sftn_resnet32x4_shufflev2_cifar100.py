# SFTN teacher resnet32x4 trained with shufflev2 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_resnet32x4_shufflev2_cifar100.py
# -> work_dirs/sftn_resnet32x4_shufflev2_cifar100/epoch_240_teacher.pth,
#    loaded by configs/distill/*_resnet32x4_shufflev2_cifar100_sftn.py.
_base_ = [
    './_base_/cifar100.py',
    './_base_/sftn.py',
    '../_base_/models/cifar_resnet32x4.py',
    '../_base_/models/cifar_shufflev2.py',
]

# The teacher's head loss is l_T.
model = dict(architecture=_base_.resnet32x4, student=_base_.shufflev2)
