# IE-KD stage 1, compact knowledge extraction (Huang et al., CVPR 2021), with
# stock MMRazor classes around the IEAutoEncoder connector (the factor-transfer
# pretrain pattern). An IEAutoEncoder (k = factor_channels) learns to
# reconstruct the frozen teacher's last feature map before pooling
# (backbone.layer3; configs set the teacher, its checkpoint and the
# auto-encoder's in_channels). Only the auto-encoder learns; the teacher is
# frozen (no gradients, BN in eval mode). SingleTeacherDistill needs a
# student: the placeholder resnet8 here is built but neither trained nor
# scored (its accuracy/top1 is meaningless; teacher.accuracy/top1 checks that
# the teacher checkpoint was loaded). Stage 2 builds the same connector name
# (ie_teacher_ae) with phase='train' and loads
# distiller.connectors.ie_teacher_ae.* from this run.
#
# Reconstruction loss: mean absolute error (released code; the paper writes
# the squared error, dict(type='L2Loss', normalize=False, div_element=True)).
#
# An SFTN teacher works the same way: its export (a plain classifier
# state_dict, .../epoch_240_teacher.pth) is a valid teacher_ckpt. Train an
# auto-encoder on it too (the factor must come from the teacher that is
# distilled), e.g.
#   python tools/train.py configs/iekd/ae_resnet56_cifar100.py \
#     --work-dir work_dirs/ae_resnet56_cifar100_sftn \
#     --cfg-options model.teacher_ckpt=PATH/TO/epoch_240_teacher.pth
_base_ = ['../../_base_/models/cifar_resnet8.py']

factor_channels = 32

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    calculate_student_loss=False,
    student_trainable=False,
    architecture=dict(
        _base_.resnet8,
        head=dict(type='LinearClsHead', num_classes=100, in_channels=64)),
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
