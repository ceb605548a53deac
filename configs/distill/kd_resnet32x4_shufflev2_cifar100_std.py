# KD (Hinton et al., 2015) with stock MMRazor classes. CIFAR-100, resnet32x4 ->
# shufflev2, with the standard teacher.
# ./kd_resnet32x4_shufflev2_cifar100_sftn.py is this file with the SFTN
# teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/distill/kd_resnet32x4_shufflev2_cifar100_std.py
#
# Numbers: the CRD / RepDistiller KD recipe (scripts/run_cifar_distill.sh: -r
# 0.1 -a 0.9 -b 0, --kd_T 4): CE weight 0.1, KL weight 0.9, tau 4. KLDivergence
# (reduction batchmean, times tau^2) is RepDistiller's DistillKL.
_base_ = ['./_base_/resnet32x4_shufflev2_cifar100.py']

teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'

model = dict(
    teacher_ckpt=teacher_ckpt,
    architecture=dict(head=dict(loss=dict(loss_weight=0.1))),
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        teacher_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        distill_losses=dict(
            loss_kl=dict(type='KLDivergence', tau=4, loss_weight=0.9)),
        loss_forward_mappings=dict(
            loss_kl=dict(
                preds_S=dict(from_student=True, recorder='fc'),
                preds_T=dict(from_student=False, recorder='fc')))))
