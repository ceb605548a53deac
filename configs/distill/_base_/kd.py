# KD (Hinton et al., 2015) with stock MMRazor classes: KL divergence between
# the logits (head.fc) of student and teacher. The CRD / RepDistiller KD
# recipe (scripts/run_cifar_distill.sh: -r 0.1 -a 0.9 -b 0, --kd_T 4): CE
# weight 0.1, KL weight 0.9, tau 4. KLDivergence (batchmean, times tau^2) is
# RepDistiller's DistillKL. Pair configs give the networks and keep this
# student CE weight (model.architecture.head.loss).
logits = dict(type='ModuleOutputs', source='head.fc')
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    architecture=dict(
        head=dict(loss=dict(type='CrossEntropyLoss', loss_weight=0.1))),
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(fc=logits),
        teacher_recorders=dict(fc=logits),
        distill_losses=dict(
            loss_kl=dict(type='KLDivergence', tau=4, loss_weight=0.9)),
        loss_forward_mappings=dict(
            loss_kl=dict(
                preds_S=dict(from_student=True, recorder='fc'),
                preds_T=dict(from_student=False, recorder='fc')))))
del logits
