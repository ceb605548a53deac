# The head of a CIFAR ResNet (64 channels at the end) for the ten digit
# classes, without top-5 accuracy: digits configs put it on the CIFAR
# classifiers of this folder.
digits_head = dict(
    type='LinearClsHead',
    num_classes=10,
    in_channels=64,
    loss=dict(type='CrossEntropyLoss', loss_weight=1.0))
