# Stock MMRazor AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), on
# the digits set: resnet56 teacher, resnet20 student, the networks, data and
# schedule of ./kd_resnet56_resnet20_digits.py with the student's own CE
# (weight 1) and one ATLoss (weight 1000, as the CIFAR-100 AT configs) per
# stage pair: backbone.layer1-3 of both (16@32, 32@16, 64@8).
# Needs: python tools/train.py configs/teachers/resnet56_digits.py
# Run:   python tools/train.py configs/distill/at_resnet56_resnet20_digits.py
_base_ = [
    './_base_/digits.py',
    './_base_/at.py',
    '../_base_/models/cifar_resnet56.py',
    '../_base_/models/cifar_resnet20.py',
    '../_base_/models/digits_head.py',
]

teacher_ckpt = 'work_dirs/resnet56_digits/epoch_8.pth'
model = dict(
    architecture=dict(_base_.resnet20, head=_base_.digits_head),
    teacher=dict(_base_.resnet56, head=_base_.digits_head),
    teacher_ckpt=teacher_ckpt)
