# AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), with stock MMRazor
# classes: one ATLoss per stage pair, backbone.layer1-3 of both networks
# (RepDistiller's feat[1:-1]: every stage's output).
#
# Weight: mmrazor's ATLoss is RepDistiller's Attention(p=2) term for term (per
# sample F.normalize(mean_c(f^2)), then the mean over batch and positions of
# the squared difference). RepDistiller sums the pairs and multiplies by beta =
# 1000 (run_cifar_distill.sh: -a 0 -b 1000; CE 1.0, no KD), so each pair has
# loss_weight 1000. (The paper writes beta/2 with beta = 1000 on the same
# mean; the CRD baselines used 1000.)
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders={
            f's{i}': dict(type='ModuleOutputs', source=f'backbone.layer{i}')
            for i in (1, 2, 3)
        },
        teacher_recorders={
            f't{i}': dict(type='ModuleOutputs', source=f'backbone.layer{i}')
            for i in (1, 2, 3)
        },
        distill_losses={
            f'loss_at{i}': dict(type='ATLoss', loss_weight=1000)
            for i in (1, 2, 3)
        },
        loss_forward_mappings={
            f'loss_at{i}': dict(
                s_feature=dict(from_student=True, recorder=f's{i}'),
                t_feature=dict(from_student=False, recorder=f't{i}'))
            for i in (1, 2, 3)
        }))
