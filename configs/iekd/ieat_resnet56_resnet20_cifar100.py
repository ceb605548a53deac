# IE + AT (Huang et al., CVPR 2021; Zagoruyko & Komodakis, ICLR 2017),
# CIFAR-100, resnet56 -> resnet20: the IE terms of
# ./_base_/ie_resnet56_resnet20_cifar100.py plus stock MMRazor ATLoss on every
# stage pair, weight 1000 each (the CRD baseline's beta, as
# configs/distill/at_*; CE 1.0).   loss_at1: backbone.layer1 / backbone.layer1
# loss_at2: backbone.layer2 / backbone.layer2   loss_at3: backbone.layer3 /
# backbone.layer3   (WRN: the last block of layer3, before the final BN-ReLU,
# as at_wrn_*)
#
# Needs (each with the command that writes it):
#   work_dirs/resnet56_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet56_cifar100.py
#   work_dirs/ae_resnet56_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_resnet56_cifar100.py
# An SFTN teacher export (plain classifier state_dict, ..._teacher.pth) can
# replace the teacher: see ./_base_/ie_resnet56_resnet20_cifar100.py.
# Run: python tools/train.py configs/iekd/ieat_resnet56_resnet20_cifar100.py
_base_ = ['./_base_/ie_resnet56_resnet20_cifar100.py']

model = dict(
    distiller=dict(
        student_recorders=dict(
            s1=dict(type='ModuleOutputs', source='backbone.layer1'),
            s2=dict(type='ModuleOutputs', source='backbone.layer2'),
            s3=dict(type='ModuleOutputs', source='backbone.layer3')),
        teacher_recorders=dict(
            t1=dict(type='ModuleOutputs', source='backbone.layer1'),
            t2=dict(type='ModuleOutputs', source='backbone.layer2'),
            t3=dict(type='ModuleOutputs', source='backbone.layer3')),
        distill_losses=dict(
            loss_at1=dict(type='ATLoss', loss_weight=1000),
            loss_at2=dict(type='ATLoss', loss_weight=1000),
            loss_at3=dict(type='ATLoss', loss_weight=1000)),
        loss_forward_mappings=dict(
            loss_at1=dict(
                s_feature=dict(from_student=True, recorder='s1'),
                t_feature=dict(from_student=False, recorder='t1')),
            loss_at2=dict(
                s_feature=dict(from_student=True, recorder='s2'),
                t_feature=dict(from_student=False, recorder='t2')),
            loss_at3=dict(
                s_feature=dict(from_student=True, recorder='s3'),
                t_feature=dict(from_student=False, recorder='t3')))))
