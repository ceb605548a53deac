# The teacher's backbone.layer4 (512@4), 512 -> 256 channels; vgg8's lr.
_base_ = [
    './cifar100_ft_pretrain.py', './ft_pretrain.py',
    '../../_base_/models/cifar_vgg13.py', '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=_base_.vgg8,
    teacher=_base_.vgg13,
    distiller=dict(
        teacher_recorders=dict(feat=dict(source='backbone.layer4')),
        connectors=dict(loss_ft_tfeat=[
            dict(type='Paraphraser', phase='pretrain', in_channel=512,
                 out_channel=256),
        ])))

optim_wrapper = dict(optimizer=dict(lr=0.05))
