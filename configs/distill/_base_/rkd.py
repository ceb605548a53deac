# RKD, relational KD (Park et al., CVPR 2019), with stock MMRazor classes.
# Feature: the globally pooled last feature map (neck.gap; RepDistiller's
# feat[-1]). Distance-wise weight 25, angle-wise weight 50: RepDistiller's
# RKDLoss(w_d=25, w_a=50) with beta 1 (run_cifar_distill.sh: -a 0 -b 1; CE 1.0,
# no KD), also the RKD authors' defaults. RepDistiller does not L2-normalise
# the features, hence with_l2_norm=False (mmrazor's rkd example uses True).
gap = 'neck.gap'
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(feat=dict(type='ModuleOutputs', source=gap)),
        teacher_recorders=dict(feat=dict(type='ModuleOutputs', source=gap)),
        distill_losses=dict(
            loss_dw=dict(
                type='DistanceWiseRKD', with_l2_norm=False, loss_weight=25),
            loss_aw=dict(
                type='AngleWiseRKD', with_l2_norm=False, loss_weight=50)),
        loss_forward_mappings={
            name: dict(
                preds_S=dict(from_student=True, recorder='feat'),
                preds_T=dict(from_student=False, recorder='feat'))
            for name in ('loss_dw', 'loss_aw')
        }))
del gap
