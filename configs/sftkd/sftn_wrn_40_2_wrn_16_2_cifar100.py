# SFTN teacher wrn_40_2 trained with wrn_16_2 student branches on CIFAR-100.
# python tools/train.py configs/sftkd/sftn_wrn_40_2_wrn_16_2_cifar100.py
# -> work_dirs/sftn_wrn_40_2_wrn_16_2_cifar100/epoch_240_teacher.pth, the teacher that the
#    configs/distill/*_wrn_40_2_wrn_16_2_cifar100_sftn.py configs load.
_base_ = ['./_base_/sftn_cifar100.py']

model = dict(
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARWideResNet', arch='wrn_40_2'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=128,
            # l_T
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    student=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARWideResNet', arch='wrn_16_2'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=128,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))))
