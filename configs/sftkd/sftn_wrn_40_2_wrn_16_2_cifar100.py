# SFTN teacher wrn_40_2 trained with wrn_16_2 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_wrn_40_2_wrn_16_2_cifar100.py
# -> work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth,
#    loaded by configs/distill/*_wrn_40_2_wrn_16_2_cifar100_sftn.py.
_base_ = [
    './_base_/cifar100.py',
    './_base_/sftn.py',
    '../_base_/models/cifar_wrn_40_2.py',
    '../_base_/models/cifar_wrn_16_2.py',
]

# The teacher's head loss is l_T.
model = dict(architecture=_base_.wrn_40_2, student=_base_.wrn_16_2)
