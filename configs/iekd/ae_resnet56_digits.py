# IE-KD stage 1 of 2 on the digits set: compact knowledge extraction
# (Huang et al., CVPR 2021). An IEAutoEncoder (k = 32 factor channels)
# learns to reconstruct the frozen resnet56 teacher's last feature map before
# pooling (backbone.layer3, 64@8). Only the auto-encoder learns; the teacher
# is frozen (no gradients, BN in eval mode). The student slot of
# SingleTeacherDistill holds a resnet20 that is built but neither trained nor
# scored (its accuracy/top1 in the logs is meaningless; teacher.accuracy/top1
# checks that the teacher checkpoint was loaded).
#
# Needs (with the command that writes it):
#   work_dirs/resnet56_digits/epoch_8.pth
#     python tools/train.py configs/teachers/resnet56_digits.py
# Run: python tools/train.py configs/iekd/ae_resnet56_digits.py
# Writes (read by configs/iekd/iekd_resnet56_resnet20_digits.py):
#   work_dirs/ae_resnet56_digits/epoch_5.pth
#
# Recipe: the released auto-encoder recipe (SGD lr 0.1 constant, Nesterov,
# momentum 0.9, wd 5e-4, mean absolute reconstruction error) shortened to 5
# epochs of batch 64 for the 1,437 digits training images.
_base_ = [
    '../_base_/datasets/digits_bs64.py',
    '../_base_/default_runtime_digits.py',
    './_base_/schedule_ae_30e.py',
]
default_scope = 'mmrazor'

teacher_ckpt = 'work_dirs/resnet56_digits/epoch_8.pth'
factor_channels = 32

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    calculate_student_loss=False,
    student_trainable=False,
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet20'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='LinearClsHead', num_classes=10, in_channels=64)),
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet56'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='LinearClsHead', num_classes=10, in_channels=64)),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        teacher_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        # Stage 2 builds the same connector name with phase='train' and
        # loads distiller.connectors.ie_teacher_ae.* from this run.
        connectors=dict(
            ie_teacher_ae=dict(
                type='IEAutoEncoder',
                phase='pretrain',
                in_channels=64,
                factor_channels=factor_channels)),
        distill_losses=dict(
            # Released code: mean absolute error. The paper's squared error:
            # dict(type='L2Loss', normalize=False, div_element=True).
            loss_rec=dict(type='L1Loss', loss_weight=1.0)),
        loss_forward_mappings=dict(
            loss_rec=dict(
                s_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae'),
                t_feature=dict(from_student=False, recorder='ie_feat')))))

train_dataloader = dict(batch_size=64)
auto_scale_lr = dict(base_batch_size=64)
train_cfg = dict(max_epochs=5, val_interval=5)
find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
