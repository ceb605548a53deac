# Shared model of configs/ctkd/ctkd_resnet32x4_resnet32x4_resnet8x4_cifar100_*.py:
# CollaborativeTeachingDistill (Zhao et al., arXiv 1907.09643) on the CRD
# resnet32x4 -> resnet8x4 pair:
#   expert teacher  resnet32x4, pretrained (standard or SFTN), frozen
#   scratch teacher resnet32x4, trained from scratch in the same run
#   student         resnet8x4
# Each network is built exactly as configs/teachers/resnet32x4_cifar100.py /
# resnet8x4_cifar100.py, so plain classifier checkpoints and SFTN teacher
# exports load strictly.
#
# Stage outputs at 32x32 (channels@resolution), all three networks:
# layer1 64@32, layer2 128@16, layer3 256@8; attention on each stage output
# (as configs/distill/at_resnet32x4_resnet8x4_cifar100_std.py).
# configs/ctkd/_base_/wrn_40_2_wrn_40_2_wrn_16_2.py inherits this model and
# swaps the networks and the last attention points.
#
# Loss: scratch.loss CE(z_sc) + student.loss CE(z_s)
#   + distill.loss_guide: gamma * (1/N) sum_b sum_c (z_s - stopgrad(z_sc))^2
#     (mmrazor L2Loss(normalize=False): sum of squares over batch and classes
#     divided by the batch size N; the released code's
#     gamma * ((y_t - y_s)^2).sum() / batchSize, with the scratch teacher's
#     logits detached)
#   + distill.loss_atJ: beta * mmrazor ATLoss (= Zagoruyko's at_loss, the mean
#     over batch and positions of the squared difference of the normalised
#     attention maps F.normalize(mean_c f^2)) for J = 1..3, expert -> student.
# beta = 1000 per group (the released code's beta * sum_j at_loss; 1e3 is the
# customary AT weight). gamma = 0.1 is this repository's choice: the released
# code defaults gamma and beta to 0 and publishes no value.
# Alternative guidance (temperature KL instead of the logit L2):
#   distill_losses.loss_guide=dict(type='KLDivergence', tau=4, loss_weight=..)
#   with the mapping keys preds_S (student) / preds_T (scratch).
gamma = 0.1
beta = 1000.0

model = dict(
    _scope_='mmrazor',
    type='CollaborativeTeachingDistill',
    # The student.
    architecture=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet8x4'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=256,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    scratch_teacher=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet32x4'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=256,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    expert=dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch='resnet32x4'),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=100,
            in_channels=256,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
            topk=(1, 5))),
    distiller=dict(
        type='CollaborativeTeachingDistiller',
        # 'released': the released code's pairing (expert -> scratch teacher)
        expert_pairing='paper',
        student_recorders=dict(
            logits=dict(type='ModuleOutputs', source='head.fc'),
            g1=dict(type='ModuleOutputs', source='backbone.layer1'),
            g2=dict(type='ModuleOutputs', source='backbone.layer2'),
            g3=dict(type='ModuleOutputs', source='backbone.layer3')),
        scratch_recorders=dict(
            logits=dict(type='ModuleOutputs', source='head.fc'),
            # g1-g3 are read only with expert_pairing='released'
            g1=dict(type='ModuleOutputs', source='backbone.layer1'),
            g2=dict(type='ModuleOutputs', source='backbone.layer2'),
            g3=dict(type='ModuleOutputs', source='backbone.layer3')),
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
