# Shared by configs/iekd/ie*_resnet56_resnet20_cifar100.py: IE-KD stage 2
# (Huang et al., CVPR 2021) alone, as an add-on to stock MMRazor
# (SingleTeacherDistill + ConfigurableDistiller), CIFAR-100, teacher resnet56,
# student resnet20. Each method config adds its own terms (KD, AT, FT) to this
# distiller.
#
# Checkpoints (each with the command that writes it):
#   teacher_ckpt  work_dirs/resnet56_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet56_cifar100.py
#   ae_ckpt       work_dirs/ae_resnet56_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_resnet56_cifar100.py
# An SFTN teacher export (a plain classifier state_dict,
# ..._teacher.pth) is a valid teacher_ckpt; pair it with an auto-encoder
# trained on that teacher (see configs/iekd/ae_resnet56_cifar100.py):
#   --cfg-options model.teacher_ckpt=.../epoch_240_teacher.pth \
#     model.distiller.init_cfg.checkpoint=\
#     work_dirs/ae_resnet56_cifar100_sftn/epoch_30.pth
#
# IE: the student's backbone.layer3 (64@8, the last feature before pooling)
# is split along channels (IEChannelSplit: ratio 0.5, natural order; with
# mode='random' and a seed, one permutation is drawn and saved in the
# checkpoint); each half (32 channels) goes through its own IEFactorEncoder
# (32 -> k = 32), trained with the student. The teacher's factor is the
# stage-1 IEAutoEncoder's encoder on the teacher's backbone.layer3 (64@8),
# frozen (phase='train': no gradients, eval mode), loaded by the distiller's
# Pretrained init (prefix "distiller."; the student-side connectors are
# missing from that checkpoint and keep their own initialisation).
#   loss_inh = FTLoss (MMRazor's; exactly the paper's L_inh: L1 mean of the
#              flattened, per-sample L2-normalised factors)
#   loss_exp = ExplorationLoss (the same distance, negated; bounded)
#   (cosine variant: loss_exp=dict(type='CosineExplorationLoss', ...))
# Weights: the released config uses 1 / 1 on these mean-reduced losses, where
# they are ~1e-2 next to a CE of ~1 and barely move the student; we use Factor
# Transfer's beta = 500 on the same loss (its authors' value, also in
# configs/distill/ft_*) for both terms. Change ie_weight to compare.
#
# Recipe: the released IE-KD schedule (./schedule_ie_160e.py): 160 epochs,
# SGD lr 0.1, Nesterov, wd 5e-4, x0.1 at 80/120, batch 128.
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    '../../_base_/default_runtime.py',
    './schedule_ie_160e.py',
]
default_scope = 'mmrazor'

teacher_ckpt = 'work_dirs/resnet56_cifar100/epoch_240.pth'
ae_ckpt = 'work_dirs/ae_resnet56_cifar100/epoch_30.pth'
ie_weight = 500.0
factor_channels = 32
ie_split = dict(in_channels=64, ratio=0.5, mode='natural', seed=None)

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
            num_classes=100,
            in_channels=64,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet56'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=64,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        init_cfg=dict(
            type='Pretrained', checkpoint=ae_ckpt, prefix='distiller.'),
        student_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        teacher_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        connectors=dict(
            ie_teacher_ae=dict(
                type='IEAutoEncoder',
                phase='train',
                in_channels=64,
                factor_channels=factor_channels),
            ie_inherit=[
                dict(type='IEChannelSplit', part='inheritance', **ie_split),
                dict(
                    type='IEFactorEncoder',
                    in_channels=32,
                    factor_channels=factor_channels),
            ],
            ie_explore=[
                dict(type='IEChannelSplit', part='exploration', **ie_split),
                dict(
                    type='IEFactorEncoder',
                    in_channels=32,
                    factor_channels=factor_channels),
            ]),
        distill_losses=dict(
            loss_inh=dict(type='FTLoss', loss_weight=ie_weight),
            loss_exp=dict(type='ExplorationLoss', loss_weight=ie_weight)),
        loss_forward_mappings=dict(
            loss_inh=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='ie_feat',
                    connector='ie_inherit'),
                t_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae')),
            loss_exp=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='ie_feat',
                    connector='ie_explore'),
                t_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae')))))

train_dataloader = dict(batch_size=128)
find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
