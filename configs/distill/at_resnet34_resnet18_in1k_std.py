# AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), with stock MMRazor
# classes on ImageNet-1k, ResNet-34 -> ResNet-18, from the standard teacher.
# ./at_resnet34_resnet18_in1k_sftn.py is this file with the SFTN teacher.
#
# Needs the standard ResNet-34: MMPretrain's model zoo weights for
# resnet34_8xb32_in1k saved at teacher_ckpt below, or
#   python tools/train.py configs/teachers/resnet34_in1k.py
#   (then --cfg-options model.teacher_ckpt=work_dirs/resnet34_in1k/epoch_100.pth)
# Run: python tools/train.py configs/distill/at_resnet34_resnet18_in1k_std.py
#
# One ATLoss per stage pair, layer1-layer3 (64@56, 128@28, 256@14), weight
# 1000 each as in the CIFAR configs; not tuned for ImageNet.
_base_ = ['./_base_/resnet34_resnet18_in1k.py']

model = dict(
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        type='ConfigurableDistiller',
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
