# IE-KD stage 1 of 2 on ImageNet-1k (Huang et al., CVPR 2021): the
# auto-encoder of the frozen ResNet-34 teacher's backbone.layer4 (512@7, the
# last feature before pooling), k = 256 (half the channels, as the CIFAR
# configs). ./_base_/ae.py with MMPretrain's ResNet-18 as the placeholder
# student (built but neither trained nor scored).
# Needs the standard ResNet-34 at teacher_ckpt (MMPretrain's model zoo
# weights for resnet34_8xb32_in1k, or work_dirs/resnet34_in1k/epoch_100.pth
# from python tools/train.py configs/teachers/resnet34_in1k.py).
# Writes work_dirs/ae_resnet34_in1k/epoch_5.pth, read by
# configs/iekd/iekd_resnet34_resnet18_in1k.py.
#
# Schedule: 5 epochs at MMPretrain's lr 0.1 (its first milestone is 30), our
# choice; reconstruction loss mean absolute error as in the CIFAR configs.
_base_ = [
    '../_base_/imagenet_bs32.py',
    './_base_/ae.py',
    '../_base_/models/in1k_resnet34.py',
    '../_base_/models/in1k_resnet18.py',
]
factor_channels = 256
model = dict(
    architecture=dict(_base_.resnet18_in1k, _delete_=True),
    teacher=_base_.resnet34_in1k,
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        teacher_recorders=dict(ie_feat=dict(source='backbone.layer4')),
        connectors=dict(
            ie_teacher_ae=dict(
                in_channels=512, factor_channels=factor_channels))))

train_cfg = dict(max_epochs=5)
find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
