# CollaborativeTeachingDistill (Zhao et al., "Highlight Every Step", arXiv
# 1907.09643; not Curriculum Temperature KD). Configs set the three networks:
#   architecture     the student
#   scratch_teacher  trained from scratch in the same run (its own CE)
#   teacher          the expert: pretrained (teacher_ckpt), frozen, BN in eval
#
# Loss (every term logged under its own name):
#   scratch.loss        CE(z_sc, y)
#   student.loss        CE(z_s, y)
#   distill.loss_guide  gamma * (1/N) sum_b sum_c (z_s - stopgrad(z_sc))^2:
#                       MMRazor's L2Loss(normalize=False), the sum of squares
#                       over batch and classes divided by the batch size, as
#                       the released code's ((y_t - y_s)^2).sum() / batchSize.
#                       The distiller detaches the scratch teacher's logits.
#   distill.loss_atJ    beta * AT(expert stage J, student stage J), MMRazor's
#                       ATLoss: the mean over batch and positions of the
#                       squared difference of the normalised attention maps
#                       F.normalize(mean_c f^2), J = 1..3.
# Weights: beta = 1000 per stage (the released code's beta * sum_j at_loss;
# 1e3 is the customary AT weight, and the released defaults are 0). gamma =
# 0.1 is this project's choice: the released code publishes no value; not
# tuned. Temperature-KL guidance instead of the logit L2:
#   distill_losses.loss_guide=dict(type='KLDivergence', tau=4, loss_weight=..)
#   with the mapping keys preds_S (student) / preds_T (scratch).
# The released code's pairing (expert -> scratch teacher):
#   ../ctkd_resnet56_resnet56_resnet20_digits_released.py.
gamma = 0.1
beta = 1000.0
stages = {
    f'g{i}': dict(type='ModuleOutputs', source=f'backbone.layer{i}')
    for i in (1, 2, 3)
}
logits = dict(type='ModuleOutputs', source='head.fc')

model = dict(
    _scope_='mmrazor',
    type='CollaborativeTeachingDistill',
    distiller=dict(
        type='CollaborativeTeachingDistiller',
        student_recorders=dict(logits=logits, **stages),
        scratch_recorders=dict(logits=logits),
        teacher_recorders=stages,
        distill_losses=dict(
            loss_guide=dict(
                type='L2Loss', normalize=False, loss_weight=gamma),
            **{f'loss_at{i}': dict(type='ATLoss', loss_weight=beta)
               for i in (1, 2, 3)}),
        loss_forward_mappings=dict(
            loss_guide=dict(
                s_feature=dict(from_model='student', recorder='logits'),
                t_feature=dict(from_model='scratch', recorder='logits')),
            **{
                f'loss_at{i}': dict(
                    s_feature=dict(from_model='student', recorder=f'g{i}'),
                    t_feature=dict(from_model='expert', recorder=f'g{i}'))
                for i in (1, 2, 3)
            })))
