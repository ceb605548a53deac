# Shared by configs/iekd/ae_*_cifar100.py: IE-KD stage 1, compact knowledge
# extraction (Huang et al., CVPR 2021), with stock MMRazor classes around the
# IEAutoEncoder connector (the factor-transfer pretrain pattern).
#
# An IEAutoEncoder (k = factor_channels) learns to reconstruct the frozen
# teacher's last feature map before pooling (backbone.layer3). Only the
# auto-encoder learns; the teacher is frozen (no gradients, BN in eval mode).
# SingleTeacherDistill needs a student: the placeholder resnet8 here is built
# but neither trained nor scored (its accuracy/top1 is meaningless;
# teacher.accuracy/top1 checks that the teacher checkpoint was loaded).
# Stage 2 builds the same connector name (ie_teacher_ae) with phase='train'
# and loads distiller.connectors.ie_teacher_ae.* from this run.
#
# Recipe: the released one (./schedule_ae_30e.py): 30 epochs, SGD lr 0.1
# constant, Nesterov, wd 5e-4, batch 128; reconstruction loss mean absolute
# error (released code; the paper writes the squared error, which is
# dict(type='L2Loss', normalize=False, div_element=True)).
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    '../../_base_/default_runtime.py',
    './schedule_ae_30e.py',
]
default_scope = 'mmrazor'

factor_channels = 32

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    calculate_student_loss=False,
    student_trainable=False,
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet8'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='LinearClsHead', num_classes=100, in_channels=64)),
    # Each ae_*_cifar100.py sets the teacher classifier, its checkpoint and
    # the auto-encoder's in_channels.
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    distiller=dict(
        type='ConfigurableDistiller',
        teacher_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        connectors=dict(
            ie_teacher_ae=dict(
                type='IEAutoEncoder',
                phase='pretrain',
                factor_channels=factor_channels)),
        distill_losses=dict(loss_rec=dict(type='L1Loss', loss_weight=1.0)),
        loss_forward_mappings=dict(
            loss_rec=dict(
                s_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae'),
                t_feature=dict(from_student=False, recorder='ie_feat')))))

train_dataloader = dict(batch_size=128)
find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
