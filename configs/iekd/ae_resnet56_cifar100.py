# IE-KD stage 1 of 2 on CIFAR-100: the auto-encoder of the resnet56 teacher's
# backbone.layer3 (64@8, the last feature before pooling), k = 32. See
# ./_base_/ae_cifar100.py.
#
# Needs (with the command that writes it):
#   work_dirs/resnet56_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet56_cifar100.py
# Run: python tools/train.py configs/iekd/ae_resnet56_cifar100.py
# Writes (read by the stage-2 configs configs/iekd/ie*_resnet56_*_cifar100.py
# of this teacher):
#   work_dirs/ae_resnet56_cifar100/epoch_30.pth
#
# An SFTN teacher works the same way: its export (a plain classifier
# state_dict, e.g. work_dirs/sftn_..._cifar100/epoch_240_teacher.pth) is a
# valid teacher_ckpt. Train an auto-encoder on it too (the factor must come
# from the teacher that is distilled):
#   python tools/train.py configs/iekd/ae_resnet56_cifar100.py \
#     --work-dir work_dirs/ae_resnet56_cifar100_sftn \
#     --cfg-options model.teacher_ckpt=PATH/TO/epoch_240_teacher.pth
_base_ = ['./_base_/ae_cifar100.py']

teacher_ckpt = 'work_dirs/resnet56_cifar100/epoch_240.pth'

model = dict(
    teacher=dict(
        backbone=dict(type='CIFARResNet', arch='resnet56'),
        head=dict(in_channels=64)),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(connectors=dict(ie_teacher_ae=dict(in_channels=64))))
