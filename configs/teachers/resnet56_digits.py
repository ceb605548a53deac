# resnet56 trained alone on the embedded digits set (short schedule).
_base_ = [
    '../_base_/digits_short.py', '../_base_/models/cifar_resnet56.py',
    '../_base_/models/digits_head.py'
]

model = dict(_base_.resnet56, head=_base_.digits_head)
