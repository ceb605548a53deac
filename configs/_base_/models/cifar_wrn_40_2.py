# WRN-40-2: stem 16@32, layer1 32@32, layer2 64@16, layer3 128@8
# (layer3 = blocks layer3.0-5, then the final BN-ReLU).
wrn_40_2 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARWideResNet', arch='wrn_40_2'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=128,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
