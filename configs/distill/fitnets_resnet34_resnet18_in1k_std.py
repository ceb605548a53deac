# FitNets (Romero et al., ICLR 2015) with stock MMRazor classes on
# ImageNet-1k, ResNet-34 -> ResNet-18, from the standard teacher.
# ./fitnets_resnet34_resnet18_in1k_sftn.py is this file with the SFTN teacher.
#
# Needs the standard ResNet-34: MMPretrain's model zoo weights for
# resnet34_8xb32_in1k saved at teacher_ckpt below, or
#   python tools/train.py configs/teachers/resnet34_in1k.py
#   (then --cfg-options model.teacher_ckpt=work_dirs/resnet34_in1k/epoch_100.pth)
# Run: python tools/train.py configs/distill/fitnets_resnet34_resnet18_in1k_std.py
#
# Hint: layer3 of both networks (256@14); the student feature goes through a
# 1x1 conv-BN-ReLU regressor; mean squared error with weight 100, CE 1, as in
# the CIFAR configs; not tuned for ImageNet.
_base_ = ['./_base_/resnet34_resnet18_in1k.py']

model = dict(
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            hint=dict(type='ModuleOutputs', source='backbone.layer3')),
        teacher_recorders=dict(
            hint=dict(type='ModuleOutputs', source='backbone.layer3')),
        connectors=dict(
            loss_hint_sfeat=dict(
                type='ConvModuleConnector',
                in_channel=256,
                out_channel=256,
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
