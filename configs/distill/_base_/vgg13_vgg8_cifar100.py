# Shared by configs/distill/*_vgg13_vgg8_cifar100_*.py.
#
# CIFAR-100 with the CRD / RepDistiller recipe (../../_base_: batch 64, SGD
# momentum 0.9, wd 5e-4, lr x0.1 at epochs 150/180/210, 240 epochs) and the
# stock MMRazor SingleTeacherDistill algorithm. The student (vgg8) and the
# teacher (vgg13) are built exactly as in configs/teachers/vgg8_cifar100.py and
# configs/teachers/vgg13_cifar100.py, so a checkpoint of either training loads
# as it is.
#
# Registry scopes: default_scope 'mmrazor' (algorithm, distiller, recorders,
# connectors, losses); both classifiers carry _scope_='mmpretrain'; the data
# preprocessor (dataset base) is 'mmpretrain.ClsDataPreprocessor'. Each method
# config adds the teacher checkpoint, the distiller and, for KD, the student's
# CE weight.
#
# Stage outputs at 32x32 input (channels@resolution):
#   vgg13: stem 64@32, layer1 128@16, layer2 256@8, layer3 512@4, layer4 512@4
#   vgg8:  stem 64@32, layer1 128@16, layer2 256@8, layer3 512@4, layer4 512@4
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
        backbone=dict(type='CIFARVGG', arch='vgg8'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=512,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARVGG', arch='vgg13'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=512,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))))

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
