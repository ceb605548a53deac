# RKD, relational KD (Park et al., CVPR 2019), with stock MMRazor classes.
# CIFAR-100, resnet32x4 -> shufflev2, with the standard teacher.
# ./rkd_resnet32x4_shufflev2_cifar100_sftn.py is this file with the SFTN
# teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/distill/rkd_resnet32x4_shufflev2_cifar100_std.py
#
# Feature: the globally pooled last feature map (neck.gap; RepDistiller's
# feat[-1]). Distance-wise weight 25, angle-wise weight 50: RepDistiller's
# RKDLoss(w_d=25, w_a=50) with beta 1 (run_cifar_distill.sh: -a 0 -b 1; CE 1.0,
# no KD), also the RKD authors' defaults. RepDistiller does not L2-normalise
# the features, hence with_l2_norm=False (mmrazor's rkd example uses True).
_base_ = ['./_base_/resnet32x4_shufflev2_cifar100.py']

teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'

model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            feat=dict(type='ModuleOutputs', source='neck.gap')),
        teacher_recorders=dict(
            feat=dict(type='ModuleOutputs', source='neck.gap')),
        distill_losses=dict(
            loss_dw=dict(
                type='DistanceWiseRKD', with_l2_norm=False, loss_weight=25),
            loss_aw=dict(
                type='AngleWiseRKD', with_l2_norm=False, loss_weight=50)),
        loss_forward_mappings=dict(
            loss_dw=dict(
                preds_S=dict(from_student=True, recorder='feat'),
                preds_T=dict(from_student=False, recorder='feat')),
            loss_aw=dict(
                preds_S=dict(from_student=True, recorder='feat'),
                preds_T=dict(from_student=False, recorder='feat')))))
