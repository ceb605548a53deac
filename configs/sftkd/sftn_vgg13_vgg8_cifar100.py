# SFTN teacher vgg13 trained with vgg8 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_vgg13_vgg8_cifar100.py
# -> work_dirs/sftn_vgg13_vgg8_cifar100/epoch_240_teacher.pth, the teacher that the
#    configs/distill/*_vgg13_vgg8_cifar100_sftn.py configs load.
_base_ = ['./_base_/sftn_cifar100.py']

model = dict(
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARVGG', arch='vgg13'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=512,
            # l_T
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    student=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARVGG', arch='vgg8'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=512,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))))
