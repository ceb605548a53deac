# WRN-16-1: stages of 16/32/64 channels at 32/16/8.
wrn_16_1 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARWideResNet', arch='wrn_16_1'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
