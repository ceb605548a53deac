# resnet56 trained alone on the embedded digits set (short schedule).
_base_ = [
    '../_base_/datasets/digits_bs64.py',
    '../_base_/schedules/digits_short.py',
    '../_base_/default_runtime_digits.py',
]

model = dict(
    type='ImageClassifier',
    backbone=dict(type='CIFARResNet', arch='resnet56'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        num_classes=10,
        in_channels=64,
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
