# IE-KD stage 2 of 2 on the digits set: IE + KD (Huang et al., CVPR 2021),
# resnet56 teacher, resnet20 student. This is the stock MMRazor KD config
# configs/distill/kd_resnet56_resnet20_digits.py (SingleTeacherDistill,
# KLDivergence tau 4 weight 0.9, CE 0.1) with the IE terms added to its
# ConfigurableDistiller: nothing else differs, so the two compare directly.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet56_digits/epoch_8.pth
#     python tools/train.py configs/teachers/resnet56_digits.py
#   work_dirs/ae_resnet56_digits/epoch_5.pth
#     python tools/train.py configs/iekd/ae_resnet56_digits.py
# Run: python tools/train.py configs/iekd/iekd_resnet56_resnet20_digits.py
#
# IE: the student's backbone.layer3 (64@8, before pooling) is split along
# channels (IEChannelSplit, 50/50, natural order; mode='random' with a seed
# draws one permutation, kept in the checkpoint); each half goes through its
# own IEFactorEncoder (32 -> k = 32), trained with the student. The teacher's
# factor is the stage-1 auto-encoder's encoder on the teacher's
# backbone.layer3 (IEAutoEncoder phase='train': frozen, eval mode), loaded by
# the distiller's Pretrained init (prefix "distiller.").
#   loss_inh = FTLoss (mmrazor; exactly L_inh: L1 mean of the flattened,
#              L2-normalised factors)
#   loss_exp = ExplorationLoss (-L_inh on the exploration half; bounded)
# Weights: the released config uses 1 / 1 on these mean-reduced losses, which
# are ~1e-2 at that weight (next to a CE of ~1) and barely move the student;
# we use Factor Transfer's beta = 500 on the same loss (its authors' value,
# see configs/distill/ft_*) for both terms. Change ie_weight to compare.
_base_ = ['../distill/kd_resnet56_resnet20_digits.py']

# Written by: python tools/train.py configs/iekd/ae_resnet56_digits.py
ae_ckpt = 'work_dirs/ae_resnet56_digits/epoch_5.pth'
ie_weight = 500.0
factor_channels = 32
ie_split = dict(in_channels=64, ratio=0.5, mode='natural', seed=None)

model = dict(
    distiller=dict(
        init_cfg=dict(type='Pretrained', checkpoint=ae_ckpt,
                      prefix='distiller.'),
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
