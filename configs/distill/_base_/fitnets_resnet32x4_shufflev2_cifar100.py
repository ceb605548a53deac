# The student's layer2 (232@8) has half the resolution of the teacher's
# (128@16): RepDistiller's ConvReg for that case, ConvTranspose2d (kernel 4,
# stride 2, padding 1; mmcv's 'deconv')-BN-ReLU, 232 -> 128.
_base_ = [
    './cifar100_shufflev2.py', './fitnets.py',
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_shufflev2.py'
]
model = dict(
    architecture=_base_.shufflev2,
    teacher=_base_.resnet32x4,
    distiller=dict(
        connectors=dict(
            loss_hint_sfeat=dict(
                in_channel=232,
                kernel_size=4,
                stride=2,
                padding=1,
                conv_cfg=dict(type='deconv')))))
