# ./fitnets.py for ResNet-34 -> ResNet-18 on ImageNet-1k. Hint: layer3 of both
# (256@14) through a 1x1 conv-BN-ReLU regressor; weight 100, CE 1, as on
# CIFAR; not tuned for ImageNet.
_base_ = [
    './in1k.py', './fitnets.py', '../../_base_/models/in1k_resnet34.py',
    '../../_base_/models/in1k_resnet18.py'
]
model = dict(
    architecture=_base_.resnet18_in1k,
    teacher=_base_.resnet34_in1k,
    distiller=dict(
        student_recorders=dict(hint=dict(source='backbone.layer3')),
        teacher_recorders=dict(hint=dict(source='backbone.layer3')),
        connectors=dict(
            loss_hint_sfeat=dict(in_channel=256, out_channel=256))))
