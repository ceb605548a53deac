# Stock MMRazor AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), on
# the digits set: resnet56 teacher, resnet20 student, the networks, data and
# schedule of ./kd_resnet56_resnet20_digits.py with the student's own CE
# (weight 1) and one ATLoss (weight 1000, as the CIFAR-100 AT configs) per
# stage pair: backbone.layer1-3 of both (16@32, 32@16, 64@8).
# Needs: python tools/train.py configs/teachers/resnet56_digits.py
# Run:   python tools/train.py configs/distill/at_resnet56_resnet20_digits.py
_base_ = ['./kd_resnet56_resnet20_digits.py']

model = dict(
    architecture=dict(head=dict(loss=dict(loss_weight=1.0))),
    distiller=dict(
        _delete_=True,
        type='ConfigurableDistiller',
        student_recorders={
            f's{i}': dict(type='ModuleOutputs', source=f'backbone.layer{i}')
            for i in (1, 2, 3)
        },
        teacher_recorders={
            f't{i}': dict(type='ModuleOutputs', source=f'backbone.layer{i}')
            for i in (1, 2, 3)
        },
        distill_losses={
            f'loss_at{i}': dict(type='ATLoss', loss_weight=1000)
            for i in (1, 2, 3)
        },
        loss_forward_mappings={
            f'loss_at{i}': dict(
                s_feature=dict(from_student=True, recorder=f's{i}'),
                t_feature=dict(from_student=False, recorder=f't{i}'))
            for i in (1, 2, 3)
        }))
