# AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), with stock MMRazor
# classes. CIFAR-100, wrn_40_2 -> wrn_16_2, with the standard teacher.
# ./at_wrn_40_2_wrn_16_2_cifar100_sftn.py is this file with the SFTN teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
# Run: python tools/train.py configs/distill/at_wrn_40_2_wrn_16_2_cifar100_std.py
#
# One ATLoss per stage pair (RepDistiller's feat[1:-1]: every stage's output):
#   loss_at1: teacher backbone.layer1 32@32, student backbone.layer1 32@32
#   loss_at2: teacher backbone.layer2 64@16, student backbone.layer2 64@16
#   loss_at3: teacher backbone.layer3.5 128@8, student backbone.layer3.1 128@8
#
# WRN: the last pair takes the last block of layer3, not layer3: our layer3
# ends with the network's final BN-ReLU, and RepDistiller's feature (like
# Zagoruyko's attention-transfer code) is taken before it.
#
# Weight: mmrazor's ATLoss is RepDistiller's Attention(p=2) term for term (per
# sample F.normalize(mean_c(f^2)), then the mean over batch and positions of
# the squared difference). RepDistiller sums the pairs and multiplies by beta =
# 1000 (run_cifar_distill.sh: -a 0 -b 1000; CE 1.0, no KD), so each pair has
# loss_weight 1000 here. (Zagoruyko's paper writes beta/2 with beta = 1000 on
# the same mean; the CRD baselines used 1000.)
_base_ = ['./_base_/wrn_40_2_wrn_16_2_cifar100.py']

teacher_ckpt = 'work_dirs/wrn_40_2_cifar100/epoch_240.pth'

model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            s1=dict(type='ModuleOutputs', source='backbone.layer1'),
            s2=dict(type='ModuleOutputs', source='backbone.layer2'),
            s3=dict(type='ModuleOutputs', source='backbone.layer3.1')),
        teacher_recorders=dict(
            t1=dict(type='ModuleOutputs', source='backbone.layer1'),
            t2=dict(type='ModuleOutputs', source='backbone.layer2'),
            t3=dict(type='ModuleOutputs', source='backbone.layer3.5')),
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
