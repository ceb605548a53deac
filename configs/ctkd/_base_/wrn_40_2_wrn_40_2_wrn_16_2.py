# Shared model of configs/ctkd/ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar*.py:
# CollaborativeTeachingDistill (Zhao et al., arXiv 1907.09643) with a WRN
# triple as in the paper and its released code (WRN throughout):
#   expert teacher  wrn_40_2, pretrained, frozen, BN in eval mode
#   scratch teacher wrn_40_2, trained from scratch in the same run
#   student         wrn_16_2
# Each network is built exactly as configs/teachers/wrn_*_cifar100.py, so a
# checkpoint of the plain classifier loads strictly. num_classes = 100 here;
# the CIFAR-10 config overrides the three heads.
#
# The distiller, its losses and weights (gamma, beta) are those of
# ./resnet32x4_resnet32x4_resnet8x4.py (see its comments); only the networks
# and the last attention points differ.
# Stage outputs at 32x32 (channels@resolution): layer1 32@32, layer2 64@16,
# layer3 128@8. The attention of the last group is taken at the last block
# of layer3 (wrn_40_2: layer3.5, wrn_16_2: layer3.1), before the network's
# final BN-ReLU, as the released code does (g2 before `bn`) and as
# configs/distill/at_wrn_40_2_wrn_16_2_cifar100_std.py does.
_base_ = ['./resnet32x4_resnet32x4_resnet8x4.py']

model = dict(
    architecture=dict(
        backbone=dict(type='CIFARWideResNet', arch='wrn_16_2'),
        head=dict(in_channels=128)),
    scratch_teacher=dict(
        backbone=dict(type='CIFARWideResNet', arch='wrn_40_2'),
        head=dict(in_channels=128)),
    expert=dict(
        backbone=dict(type='CIFARWideResNet', arch='wrn_40_2'),
        head=dict(in_channels=128)),
    distiller=dict(
        student_recorders=dict(g3=dict(source='backbone.layer3.1')),
        scratch_recorders=dict(g3=dict(source='backbone.layer3.5')),
        expert_recorders=dict(g3=dict(source='backbone.layer3.5'))))
