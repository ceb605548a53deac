# AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), with stock MMRazor
# classes. CIFAR-100, resnet32x4 -> resnet8x4, with the standard teacher.
# ./at_resnet32x4_resnet8x4_cifar100_sftn.py is this file with the SFTN
# teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/distill/at_resnet32x4_resnet8x4_cifar100_std.py
#
# One ATLoss per stage pair (RepDistiller's feat[1:-1]: every stage's output):
#   loss_at1: teacher backbone.layer1 64@32, student backbone.layer1 64@32
#   loss_at2: teacher backbone.layer2 128@16, student backbone.layer2 128@16
#   loss_at3: teacher backbone.layer3 256@8, student backbone.layer3 256@8
#
# Weight: mmrazor's ATLoss is RepDistiller's Attention(p=2) term for term (per
# sample F.normalize(mean_c(f^2)), then the mean over batch and positions of
# the squared difference). RepDistiller sums the pairs and multiplies by beta =
# 1000 (run_cifar_distill.sh: -a 0 -b 1000; CE 1.0, no KD), so each pair has
# loss_weight 1000 here. (Zagoruyko's paper writes beta/2 with beta = 1000 on
# the same mean; the CRD baselines used 1000.)
_base_ = ['./_base_/resnet32x4_resnet8x4_cifar100.py']

teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'

model = dict(
    teacher_ckpt=teacher_ckpt,
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
