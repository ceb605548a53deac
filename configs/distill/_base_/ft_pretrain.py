# FT (factor transfer, Kim et al., NeurIPS 2018) stage 1 of 2, paraphraser
# pre-training, with stock MMRazor classes. A paraphraser (an encoder of three
# 3x3 convs with LeakyReLU(0.1), factor rate k = 0.5, and a mirrored decoder;
# no BN, as RepDistiller's) learns to reconstruct the frozen teacher's last
# feature map, RepDistiller's feat[-2] (backbone.layer3 here; pair configs set
# the layer and channels). Only the paraphraser learns: the student is built
# (SingleTeacherDistill needs one) but neither trained nor scored. Loss: MSE
# reconstruction (L2Loss normalize=False, div_element=True), RepDistiller's
# helper/pretrain.py; schedule in ./cifar100_ft_pretrain.py.
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    calculate_student_loss=False,
    student_trainable=False,
    distiller=dict(
        type='ConfigurableDistiller',
        teacher_recorders=dict(
            feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        # A list (an nn.Sequential): stage 2 appends to it, and the
        # paraphraser keeps its keys distiller.connectors.loss_ft_tfeat.0.*
        connectors=dict(loss_ft_tfeat=[
            dict(type='Paraphraser', phase='pretrain', in_channel=256,
                 out_channel=128),
        ]),
        distill_losses=dict(
            loss_ft_rec=dict(
                type='L2Loss', normalize=False, div_element=True,
                loss_weight=1.0)),
        loss_forward_mappings=dict(
            # The teacher feature through the paraphraser (encoder and
            # decoder) against the teacher feature itself.
            loss_ft_rec=dict(
                s_feature=dict(
                    from_student=False,
                    recorder='feat',
                    connector='loss_ft_tfeat'),
                t_feature=dict(from_student=False, recorder='feat')))))
