# SFTN teacher resnet32x4 trained with shufflev2 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_resnet32x4_shufflev2_cifar100.py
# -> work_dirs/sftn_resnet32x4_shufflev2_cifar100/epoch_240_teacher.pth, the teacher that the
#    configs/distill/*_resnet32x4_shufflev2_cifar100_sftn.py configs load.
_base_ = ['./_base_/sftn_cifar100.py']

model = dict(
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet32x4'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=256,
            # l_T
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    student=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARShuffleNetV2'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=1024,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))))
