# IE-KD stage 1 of 2 on ImageNet-1k (Huang et al., CVPR 2021): the
# auto-encoder of the frozen ResNet-34 teacher's backbone.layer4 (512@7, the
# last feature before pooling), k = 256 (half the channels, as the CIFAR
# configs). Same layout as ./_base_/ae_cifar100.py: stock MMRazor
# SingleTeacherDistill, only the IEAutoEncoder learns; the ResNet-18
# placeholder student is built but neither trained nor scored.
#
# Needs the standard ResNet-34 at teacher_ckpt (MMPretrain's model zoo
# weights for resnet34_8xb32_in1k, or work_dirs/resnet34_in1k/epoch_100.pth
# from python tools/train.py configs/teachers/resnet34_in1k.py).
# Run: python tools/train.py configs/iekd/ae_resnet34_in1k.py
# Writes work_dirs/ae_resnet34_in1k/epoch_5.pth, read by
# configs/iekd/iekd_resnet34_resnet18_in1k.py.
#
# Schedule: 5 epochs at MMPretrain's lr 0.1 (its first milestone is 30), our
# choice; reconstruction loss mean absolute error as in the CIFAR configs.
_base_ = ['../_base_/imagenet_bs32.py']

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    calculate_student_loss=False,
    student_trainable=False,
    architecture=dict(
        cfg_path='mmpretrain::resnet/resnet18_8xb32_in1k.py',
        pretrained=False),
    teacher=dict(
        cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py',
        pretrained=False),
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        type='ConfigurableDistiller',
        teacher_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer4')),
        connectors=dict(
            ie_teacher_ae=dict(
                type='IEAutoEncoder',
                phase='pretrain',
                in_channels=512,
                factor_channels=256)),
        distill_losses=dict(loss_rec=dict(type='L1Loss', loss_weight=1.0)),
        loss_forward_mappings=dict(
            loss_rec=dict(
                s_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae'),
                t_feature=dict(from_student=False, recorder='ie_feat')))))

train_cfg = dict(max_epochs=5)
find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
