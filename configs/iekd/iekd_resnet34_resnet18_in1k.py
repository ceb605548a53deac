# IE + KD on ImageNet-1k (Huang et al., CVPR 2021; Hinton et al., 2015),
# ResNet-34 -> ResNet-18: the IE terms of ./_base_/ie.py on backbone.layer4
# (512@7, halves of 256, k = 256 as ./ae_resnet34_in1k.py) added to
# configs/distill/_base_/kd_resnet34_resnet18_in1k.py (the student's own CE,
# KL at tau 1, weight 1). IE weight 500 as on CIFAR; not tuned for ImageNet.
#
# Needs the standard ResNet-34 (see ./ae_resnet34_in1k.py) and
#   work_dirs/ae_resnet34_in1k/epoch_5.pth
#     python tools/train.py configs/iekd/ae_resnet34_in1k.py
# An SFTN teacher export works the same way, with an auto-encoder trained on
# it (python tools/train.py configs/iekd/ae_resnet34_in1k.py --cfg-options
# model.teacher_ckpt=.../epoch_100_teacher.pth).
_base_ = [
    '../distill/_base_/kd_resnet34_resnet18_in1k.py',
    './_base_/ie.py',
]
ie_split = dict(_base_.ie_split, in_channels=512)
encoder = dict(type='IEFactorEncoder', in_channels=256, factor_channels=256)
feature = dict(ie_feat=dict(type='ModuleOutputs', source='backbone.layer4'))
model = dict(
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        _base_.ie_distiller,
        init_cfg=dict(
            _base_.ie_distiller.init_cfg,
            checkpoint='work_dirs/ae_resnet34_in1k/epoch_5.pth'),
        student_recorders=feature,
        teacher_recorders=feature,
        connectors=dict(
            ie_teacher_ae=dict(
                _base_.ie_distiller.connectors.ie_teacher_ae,
                in_channels=512,
                factor_channels=256),
            ie_inherit=[
                dict(type='IEChannelSplit', part='inheritance', **ie_split),
                encoder,
            ],
            ie_explore=[
                dict(type='IEChannelSplit', part='exploration', **ie_split),
                encoder,
            ])))
del encoder, feature
