# CIFAR MobileNetV2 (CRD), 1280 channels at the end.
mobilenetv2 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARMobileNetV2'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=1280,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
