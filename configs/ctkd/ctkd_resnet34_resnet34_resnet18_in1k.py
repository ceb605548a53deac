# CTKD, collaborative teaching (Zhao et al., arXiv 1907.09643) on ImageNet-1k
# with MMPretrain's own models: a ResNet-34 scratch teacher trained in the same
# run guides a ResNet-18 student at every step (logit L2, gamma 0.1), and a
# frozen, pretrained ResNet-34 expert guides its attention after layer1-3
# (MMRazor ATLoss, beta 1000 each). The loss and the weights are those of
# ./_base_/resnet32x4_resnet32x4_resnet8x4.py (see its header); not tuned for
# ImageNet.
#
# Needs the expert at expert_ckpt: MMPretrain's model zoo weights for
# resnet34_8xb32_in1k, or work_dirs/resnet34_in1k/epoch_100.pth from
#   python tools/train.py configs/teachers/resnet34_in1k.py
# or an SFTN export (work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth).
# Run: python tools/train.py configs/ctkd/ctkd_resnet34_resnet34_resnet18_in1k.py
_base_ = ['../_base_/imagenet_bs32.py']

gamma = 0.1
beta = 1000.0

model = dict(
    _scope_='mmrazor',
    type='CollaborativeTeachingDistill',
    architecture=dict(
        cfg_path='mmpretrain::resnet/resnet18_8xb32_in1k.py',
        pretrained=False),
    scratch_teacher=dict(
        cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py',
        pretrained=False),
    expert=dict(
        cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py',
        pretrained=False),
    expert_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        type='CollaborativeTeachingDistiller',
        expert_pairing='paper',
        student_recorders=dict(
            logits=dict(type='ModuleOutputs', source='head.fc'),
            g1=dict(type='ModuleOutputs', source='backbone.layer1'),
            g2=dict(type='ModuleOutputs', source='backbone.layer2'),
            g3=dict(type='ModuleOutputs', source='backbone.layer3')),
        scratch_recorders=dict(
            logits=dict(type='ModuleOutputs', source='head.fc')),
        expert_recorders=dict(
            g1=dict(type='ModuleOutputs', source='backbone.layer1'),
            g2=dict(type='ModuleOutputs', source='backbone.layer2'),
            g3=dict(type='ModuleOutputs', source='backbone.layer3')),
        distill_losses=dict(
            loss_guide=dict(
                type='L2Loss', normalize=False, loss_weight=gamma),
            loss_at1=dict(type='ATLoss', loss_weight=beta),
            loss_at2=dict(type='ATLoss', loss_weight=beta),
            loss_at3=dict(type='ATLoss', loss_weight=beta)),
        loss_forward_mappings=dict(
            loss_guide=dict(
                s_feature=dict(from_model='student', recorder='logits'),
                t_feature=dict(from_model='scratch', recorder='logits')),
            loss_at1=dict(
                s_feature=dict(from_model='student', recorder='g1'),
                t_feature=dict(from_model='expert', recorder='g1')),
            loss_at2=dict(
                s_feature=dict(from_model='student', recorder='g2'),
                t_feature=dict(from_model='expert', recorder='g2')),
            loss_at3=dict(
                s_feature=dict(from_model='student', recorder='g3'),
                t_feature=dict(from_model='expert', recorder='g3')))))

find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.CollaborativeTeachingValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
