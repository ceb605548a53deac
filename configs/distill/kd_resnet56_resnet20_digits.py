# Stock MMRazor KD (Hinton et al., 2015) on the digits set: resnet56 teacher,
# resnet20 student. Only MMRazor classes: SingleTeacherDistill,
# ConfigurableDistiller, ModuleOutputs recorders and KLDivergence on logits.
# The CRD recipe's KD weights: CE 0.1, KL 0.9, tau 4.
_base_ = [
    '../_base_/datasets/digits_bs64.py',
    '../_base_/schedules/digits_short.py',
    '../_base_/default_runtime_digits.py',
]
default_scope = 'mmrazor'

# Written by: python tools/train.py configs/teachers/resnet56_digits.py
teacher_ckpt = 'work_dirs/resnet56_digits/epoch_8.pth'

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet20'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=10,
            in_channels=64,
            loss=dict(type='CrossEntropyLoss', loss_weight=0.1))),
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet56'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=10,
            in_channels=64,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0))),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        teacher_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        distill_losses=dict(
            loss_kl=dict(type='KLDivergence', tau=4, loss_weight=0.9)),
        loss_forward_mappings=dict(
            loss_kl=dict(
                preds_S=dict(from_student=True, recorder='fc'),
                preds_T=dict(from_student=False, recorder='fc')))))

find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
