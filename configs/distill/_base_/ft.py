# FT (factor transfer, Kim et al., NeurIPS 2018) stage 2 of 2, with stock
# MMRazor classes. The teacher's factor: the stage-1 paraphraser's encoder on
# the teacher's last feature map (phase 'train' runs it without gradients, so
# it stays frozen). The student's factor: a Translator (the same encoder with
# BN), trained with the student. Both are RepDistiller's feat[-2]
# (backbone.layer3 here; pair configs set the layer and channels).
#
# The paraphraser comes from stage 1 on the same teacher: init_cfg Pretrained
# with prefix "distiller." loads the distiller's keys of that checkpoint (the
# paraphraser's only) when the runner initialises the model; the configs set
# its checkpoint.
#
# Loss: mmrazor's FTLoss is the L1 mean between the L2-normalised, flattened
# factors: the FT authors' loss, with their weight beta = 500
# (Jangho-Kim/Factor-Transfer-pytorch, train_student.py); CE 1.0, no KD.
# (RepDistiller uses beta 200 on another factor, the channel mean of the
# squared map, which stock MMRazor does not offer.)
feat = 'backbone.layer3'
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    distiller=dict(
        type='ConfigurableDistiller',
        init_cfg=dict(type='Pretrained', prefix='distiller.'),
        student_recorders=dict(feat=dict(type='ModuleOutputs', source=feat)),
        teacher_recorders=dict(feat=dict(type='ModuleOutputs', source=feat)),
        connectors=dict(
            loss_ft_sfeat=dict(
                type='Translator', in_channel=256, out_channel=128),
            loss_ft_tfeat=[
                dict(type='Paraphraser', phase='train', in_channel=256,
                     out_channel=128),
            ]),
        distill_losses=dict(loss_ft=dict(type='FTLoss', loss_weight=500)),
        loss_forward_mappings=dict(
            loss_ft=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='feat',
                    connector='loss_ft_sfeat'),
                t_feature=dict(
                    from_student=False,
                    recorder='feat',
                    connector='loss_ft_tfeat')))))
del feat
