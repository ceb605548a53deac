# CIFAR ResNet-32x4 (CRD): stem 32@32, layer1 64@32, layer2 128@16,
# layer3 256@8.
resnet32x4 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARResNet', arch='resnet32x4'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=256,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
