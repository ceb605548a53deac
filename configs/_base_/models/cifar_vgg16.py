# CIFAR VGG-16 (CRD), 512 channels at the end.
vgg16 = dict(
    _scope_='mmpretrain', type='ImageClassifier',
    backbone=dict(type='CIFARVGG', arch='vgg16'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead', num_classes=100, in_channels=512,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, 5)))
