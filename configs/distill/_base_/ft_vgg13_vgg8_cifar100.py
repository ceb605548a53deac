# The factors: backbone.layer4 of both (512@4), 512 -> 256 channels.
_base_ = [
    './cifar100.py', './ft.py', '../../_base_/models/cifar_vgg13.py',
    '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=_base_.vgg8,
    teacher=_base_.vgg13,
    distiller=dict(
        student_recorders=dict(feat=dict(source='backbone.layer4')),
        teacher_recorders=dict(feat=dict(source='backbone.layer4')),
        connectors=dict(
            loss_ft_sfeat=dict(in_channel=512, out_channel=256),
            loss_ft_tfeat=[
                dict(type='Paraphraser', phase='train', in_channel=512,
                     out_channel=256),
            ])))
