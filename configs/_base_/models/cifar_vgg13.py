# CIFAR VGG-13 (CRD): stem 64@32, layer1 128@16, layer2 256@8, layer3 512@4,
# layer4 512@4.
vgg13 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARVGG', arch='vgg13'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=512,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
