# FitNets (Romero et al., ICLR 2015) with stock MMRazor classes.
# Hint: the output of the second stage, backbone.layer2 of both networks
# (RepDistiller's hint_layer=2); the student feature goes through a regressor,
# a 1x1 conv-BN-ReLU for equal resolutions (RepDistiller's ConvReg). Pair
# configs set its channels (here 128 -> 128).
#
# Loss: L2Loss(normalize=False, div_element=True) is the mean squared error,
# RepDistiller's HintLoss (nn.MSELoss). Weight 100, CE 1.0 and no KD:
# RepDistiller's run_cifar_distill.sh (-a 0 -b 100, -r 1). (mmrazor's own
# fitnets example normalises the features and weights them 10: not the CIFAR
# recipe.) One stage, as in RepDistiller: no hint pre-training.
hint = 'backbone.layer2'
model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(hint=dict(type='ModuleOutputs', source=hint)),
        teacher_recorders=dict(hint=dict(type='ModuleOutputs', source=hint)),
        connectors=dict(
            loss_hint_sfeat=dict(
                type='ConvModuleConnector', in_channel=128, out_channel=128,
                kernel_size=1, norm_cfg=dict(type='BN'),
                act_cfg=dict(type='ReLU'))),
        distill_losses=dict(
            loss_hint=dict(
                type='L2Loss', normalize=False, div_element=True,
                loss_weight=100)),
        loss_forward_mappings=dict(
            loss_hint=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='hint',
                    connector='loss_hint_sfeat'),
                t_feature=dict(from_student=False, recorder='hint')))))
del hint
