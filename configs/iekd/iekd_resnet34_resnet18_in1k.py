# IE + KD on ImageNet-1k (Huang et al., CVPR 2021; Hinton et al., 2015),
# ResNet-34 -> ResNet-18, as an add-on to stock MMRazor SingleTeacherDistill:
# the student's backbone.layer4 (512@7) is split into two halves
# (IEChannelSplit, ratio 0.5); the inheriting half's factor follows the
# teacher's factor (MMRazor FTLoss), the exploring half's is pushed away from
# it (ExplorationLoss); the teacher factor is the frozen stage-1
# IEAutoEncoder on the teacher's backbone.layer4. Plus KLDivergence on the
# logits (the student's own CE, KL at tau 1, weight 1, as
# configs/distill/kd_resnet34_resnet18_in1k_std.py). IE weight 500 and
# k = 256 as explained in configs/iekd/_base_/ie_resnet56_resnet20_cifar100.py
# and ./ae_resnet34_in1k.py; not tuned for ImageNet.
#
# Needs (each with the command that writes it):
#   teacher_ckpt: the standard ResNet-34 (see ./ae_resnet34_in1k.py)
#   work_dirs/ae_resnet34_in1k/epoch_5.pth
#     python tools/train.py configs/iekd/ae_resnet34_in1k.py
# An SFTN teacher export works the same way, with an auto-encoder trained on
# it (python tools/train.py configs/iekd/ae_resnet34_in1k.py --cfg-options
# model.teacher_ckpt=.../epoch_100_teacher.pth).
# Run: python tools/train.py configs/iekd/iekd_resnet34_resnet18_in1k.py
_base_ = ['../_base_/imagenet_bs32.py']

ie_weight = 500.0
ie_split = dict(in_channels=512, ratio=0.5, mode='natural', seed=None)

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    architecture=dict(
        cfg_path='mmpretrain::resnet/resnet18_8xb32_in1k.py',
        pretrained=False),
    teacher=dict(
        cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py',
        pretrained=False),
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        type='ConfigurableDistiller',
        init_cfg=dict(
            type='Pretrained',
            checkpoint='work_dirs/ae_resnet34_in1k/epoch_5.pth',
            prefix='distiller.'),
        student_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer4'),
            fc=dict(type='ModuleOutputs', source='head.fc')),
        teacher_recorders=dict(
            ie_feat=dict(type='ModuleOutputs', source='backbone.layer4'),
            fc=dict(type='ModuleOutputs', source='head.fc')),
        connectors=dict(
            ie_teacher_ae=dict(
                type='IEAutoEncoder',
                phase='train',
                in_channels=512,
                factor_channels=256),
            ie_inherit=[
                dict(type='IEChannelSplit', part='inheritance', **ie_split),
                dict(type='IEFactorEncoder', in_channels=256,
                     factor_channels=256),
            ],
            ie_explore=[
                dict(type='IEChannelSplit', part='exploration', **ie_split),
                dict(type='IEFactorEncoder', in_channels=256,
                     factor_channels=256),
            ]),
        distill_losses=dict(
            loss_inh=dict(type='FTLoss', loss_weight=ie_weight),
            loss_exp=dict(type='ExplorationLoss', loss_weight=ie_weight),
            loss_kl=dict(type='KLDivergence', tau=1, loss_weight=1.0)),
        loss_forward_mappings=dict(
            loss_inh=dict(
                s_feature=dict(from_student=True, recorder='ie_feat',
                               connector='ie_inherit'),
                t_feature=dict(from_student=False, recorder='ie_feat',
                               connector='ie_teacher_ae')),
            loss_exp=dict(
                s_feature=dict(from_student=True, recorder='ie_feat',
                               connector='ie_explore'),
                t_feature=dict(from_student=False, recorder='ie_feat',
                               connector='ie_teacher_ae')),
            loss_kl=dict(
                preds_S=dict(from_student=True, recorder='fc'),
                preds_T=dict(from_student=False, recorder='fc')))))

find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
