# DKD, decoupled KD (Zhao et al., CVPR 2022), with stock MMRazor classes.
# Numbers: the DKD authors' CIFAR-100 configs (megvii-research/mdistiller:
# configs/cifar100/dkd/*.yaml, engine/cfg.py): CE 1.0, alpha 1.0, T 4, beta 8
# with a resnet32x4 teacher (pair configs set 6 for WRN-40-2 -> WRN-16-2 and
# VGG13 -> VGG8), the CRD schedule. Not reproduced: mdistiller's 20-epoch
# linear warm-up of the DKD weight (stock MMRazor has no loss-weight schedule).
#
# Keep reduction='batchmean' (DKDLoss's default; mdistiller's per-sample mean).
# DKDLoss passes size_average=False to F.kl_div, which turns reduction='mean'
# (used by mmrazor's dkd example) into a plain sum over the batch.
#
# The labels are the inputs of the student's head.loss_module (data index 1),
# recorded as in mmrazor's dkd example.
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc'),
            gt_labels=dict(type='ModuleInputs', source='head.loss_module')),
        teacher_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        distill_losses=dict(
            loss_dkd=dict(
                type='DKDLoss', tau=4, alpha=1.0, beta=8.0,
                reduction='batchmean', loss_weight=1.0)),
        loss_forward_mappings=dict(
            loss_dkd=dict(
                preds_S=dict(from_student=True, recorder='fc'),
                preds_T=dict(from_student=False, recorder='fc'),
                gt_labels=dict(
                    recorder='gt_labels', from_student=True, data_idx=1)))))
