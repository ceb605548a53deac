# FitNets (Romero et al., ICLR 2015) with stock MMRazor classes. CIFAR-100,
# resnet32x4 -> resnet8x4, with the standard teacher.
# ./fitnets_resnet32x4_resnet8x4_cifar100_sftn.py is this file with the SFTN
# teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/distill/fitnets_resnet32x4_resnet8x4_cifar100_std.py
#
# Hint: the output of the second stage, backbone.layer2 of the teacher (128@16)
# and backbone.layer2 of the student (128@16): RepDistiller's hint_layer=2. The
# student feature goes through a 1x1 conv-BN-ReLU (128 -> 128), RepDistiller's
# ConvReg for equal resolutions.
#
# Loss: L2Loss(normalize=False, div_element=True) is the mean squared error,
# RepDistiller's HintLoss (nn.MSELoss). Weight 100, CE 1.0 and no KD:
# RepDistiller's run_cifar_distill.sh (-a 0 -b 100, -r 1). (mmrazor's own
# fitnets example normalises the features and weights them 10: not the CIFAR
# recipe.) One stage, as in RepDistiller: no hint pre-training.
_base_ = ['./_base_/resnet32x4_resnet8x4_cifar100.py']

teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'

model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            hint=dict(type='ModuleOutputs', source='backbone.layer2')),
        teacher_recorders=dict(
            hint=dict(type='ModuleOutputs', source='backbone.layer2')),
        connectors=dict(
            loss_hint_sfeat=dict(
                type='ConvModuleConnector',
                in_channel=128,
                out_channel=128,
                kernel_size=1,
                norm_cfg=dict(type='BN'),
                act_cfg=dict(type='ReLU'))),
        distill_losses=dict(
            loss_hint=dict(
                type='L2Loss',
                normalize=False,
                div_element=True,
                loss_weight=100)),
        loss_forward_mappings=dict(
            loss_hint=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='hint',
                    connector='loss_hint_sfeat'),
                t_feature=dict(from_student=False, recorder='hint')))))
