# VGG has four stages: a fourth pair on backbone.layer4 (512@4).
_base_ = [
    './cifar100.py', './at.py', '../../_base_/models/cifar_vgg13.py',
    '../../_base_/models/cifar_vgg8.py'
]
model = dict(
    architecture=_base_.vgg8,
    teacher=_base_.vgg13,
    distiller=dict(
        student_recorders=dict(
            s4=dict(type='ModuleOutputs', source='backbone.layer4')),
        teacher_recorders=dict(
            t4=dict(type='ModuleOutputs', source='backbone.layer4')),
        distill_losses=dict(loss_at4=dict(type='ATLoss', loss_weight=1000)),
        loss_forward_mappings=dict(
            loss_at4=dict(
                s_feature=dict(from_student=True, recorder='s4'),
                t_feature=dict(from_student=False, recorder='t4')))))
