# Shared by configs/distill/*_resnet32x4_resnet8x4_cifar100_*.py.
#
# CIFAR-100 with the CRD / RepDistiller recipe (../../_base_: batch 64, SGD
# momentum 0.9, wd 5e-4, lr x0.1 at epochs 150/180/210, 240 epochs) and the
# stock MMRazor SingleTeacherDistill algorithm. The student (resnet8x4) and the
# teacher (resnet32x4) are built exactly as in
# configs/teachers/resnet8x4_cifar100.py and
# configs/teachers/resnet32x4_cifar100.py, so a checkpoint of either training
# loads as it is.
#
# Registry scopes: default_scope 'mmrazor' (algorithm, distiller, recorders,
# connectors, losses); both classifiers carry _scope_='mmpretrain'; the data
# preprocessor (dataset base) is 'mmpretrain.ClsDataPreprocessor'. Each method
# config adds the teacher checkpoint, the distiller and, for KD, the student's
# CE weight.
#
# Stage outputs at 32x32 input (channels@resolution):
#   resnet32x4: stem 32@32, layer1 64@32, layer2 128@16, layer3 256@8
#   resnet8x4:  stem 32@32, layer1 64@32, layer2 128@16, layer3 256@8
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    '../../_base_/schedules/cifar_crd_240e.py',
    '../../_base_/default_runtime.py',
]
default_scope = 'mmrazor'

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    # The student.
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet8x4'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=256,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet32x4'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=256,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))))

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
