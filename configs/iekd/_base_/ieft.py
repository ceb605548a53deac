# IE + FT (Kim et al., NeurIPS 2018): Factor Transfer on the whole student
# feature, added to the IE terms. MMRazor's Translator (64 -> k = 32; pair
# configs set in_channel) on the student's ie_feat against the same frozen
# teacher factor (the IE auto-encoder is FT's paraphraser, so no second stage
# 1 is needed), MMRazor's FTLoss with the FT authors' beta = 500.
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    distiller=dict(
        connectors=dict(
            ft_sfeat=dict(type='Translator', in_channel=64, out_channel=32)),
        distill_losses=dict(loss_ft=dict(type='FTLoss', loss_weight=500)),
        loss_forward_mappings=dict(
            loss_ft=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='ie_feat',
                    connector='ft_sfeat'),
                t_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae')))))
