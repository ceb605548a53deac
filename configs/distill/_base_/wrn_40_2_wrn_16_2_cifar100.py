# Shared by configs/distill/*_wrn_40_2_wrn_16_2_cifar100_*.py.
#
# CIFAR-100 with the CRD / RepDistiller recipe (../../_base_: batch 64, SGD
# momentum 0.9, wd 5e-4, lr x0.1 at epochs 150/180/210, 240 epochs) and the
# stock MMRazor SingleTeacherDistill algorithm. The student (wrn_16_2) and the
# teacher (wrn_40_2) are built exactly as in
# configs/teachers/wrn_16_2_cifar100.py and
# configs/teachers/wrn_40_2_cifar100.py, so a checkpoint of either training
# loads as it is.
#
# Registry scopes: default_scope 'mmrazor' (algorithm, distiller, recorders,
# connectors, losses); both classifiers carry _scope_='mmpretrain'; the data
# preprocessor (dataset base) is 'mmpretrain.ClsDataPreprocessor'. Each method
# config adds the teacher checkpoint, the distiller and, for KD, the student's
# CE weight.
#
# Stage outputs at 32x32 input (channels@resolution):
#   wrn_40_2: stem 16@32, layer1 32@32, layer2 64@16, layer3 128@8
#             (layer3 = blocks layer3.0-5, then the final BN-ReLU)
#   wrn_16_2: stem 16@32, layer1 32@32, layer2 64@16, layer3 128@8
#             (layer3 = blocks layer3.0-1, then the final BN-ReLU)
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
        backbone=dict(type='CIFARWideResNet', arch='wrn_16_2'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=128,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARWideResNet', arch='wrn_40_2'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=128,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))))

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
