# CIFAR ShuffleNetV2 (CRD): stem 24@32, layer1 116@16, layer2 232@8,
# layer3 1024@4 (layer3 ends with the final 1x1 conv-BN-ReLU).
shufflev2 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARShuffleNetV2'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=1024,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
