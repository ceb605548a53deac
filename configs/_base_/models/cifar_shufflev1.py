# CIFAR ShuffleNetV1 (CRD), 960 channels at the end.
shufflev1 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARShuffleNetV1'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=960,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
