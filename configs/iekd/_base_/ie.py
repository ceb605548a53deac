# IE-KD stage 2 (Huang et al., CVPR 2021) as an add-on to stock MMRazor
# (SingleTeacherDistill + ConfigurableDistiller): `ie_distiller` holds the IE
# terms for a student and teacher whose last feature before pooling
# (backbone.layer3) has 64 channels; the pair bases ./ie_*.py put it in
# `ie_model` with their networks and checkpoints, and configs add KD, AT or
# FT terms.
#
# IE: the student's feature is split along channels (IEChannelSplit: ratio
# 0.5, natural order; with mode='random' and a seed, one permutation is drawn
# and saved in the checkpoint); each half goes through its own IEFactorEncoder
# (to k = factor_channels), trained with the student. The teacher's factor is
# the stage-1 IEAutoEncoder's encoder on the teacher's feature, frozen
# (phase='train': no gradients, eval mode), loaded by the distiller's
# Pretrained init (prefix "distiller."; the student-side connectors are
# missing from that checkpoint and keep their own initialisation).
#   loss_inh = FTLoss (MMRazor's; exactly the paper's L_inh: L1 mean of the
#              flattened, per-sample L2-normalised factors)
#   loss_exp = ExplorationLoss (the same distance, negated; bounded)
#   (cosine variant: loss_exp=dict(type='CosineExplorationLoss', ...))
# Weights: the released config uses 1 / 1 on these mean-reduced losses, where
# they are ~1e-2 next to a CE of ~1 and barely move the student; we use Factor
# Transfer's beta = 500 on the same loss (its authors' value, also in
# configs/distill/_base_/ft.py) for both terms.
#
# An SFTN teacher export (a plain classifier state_dict, ..._teacher.pth) is a
# valid teacher_ckpt; pair it with an auto-encoder trained on that teacher:
#   --cfg-options model.teacher_ckpt=.../epoch_240_teacher.pth \
#     model.distiller.init_cfg.checkpoint=work_dirs/ae_..._sftn/epoch_30.pth
factor_channels = 32
ie_weight = 500.0
ie_split = dict(in_channels=64, ratio=0.5, mode='natural', seed=None)

ie_distiller = dict(
    type='ConfigurableDistiller',
    init_cfg=dict(type='Pretrained', prefix='distiller.'),
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
                from_student=True, recorder='ie_feat',
                connector='ie_inherit'),
            t_feature=dict(
                from_student=False,
                recorder='ie_feat',
                connector='ie_teacher_ae')),
        loss_exp=dict(
            s_feature=dict(
                from_student=True, recorder='ie_feat',
                connector='ie_explore'),
            t_feature=dict(
                from_student=False,
                recorder='ie_feat',
                connector='ie_teacher_ae'))))
