# CIFAR ResNet-20: stages of 16/32/64 channels at 32/16/8.
resnet20 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARResNet', arch='resnet20'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
