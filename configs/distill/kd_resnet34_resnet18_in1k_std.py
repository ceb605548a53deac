# KD (Hinton et al., 2015) with stock MMRazor classes on ImageNet-1k,
# ResNet-34 -> ResNet-18, from the standard teacher.
# ./kd_resnet34_resnet18_in1k_sftn.py is this file with the SFTN teacher.
#
# Needs the standard ResNet-34: MMPretrain's model zoo weights for
# resnet34_8xb32_in1k saved at teacher_ckpt below, or
#   python tools/train.py configs/teachers/resnet34_in1k.py
#   (then --cfg-options model.teacher_ckpt=work_dirs/resnet34_in1k/epoch_100.pth)
# Run: python tools/train.py configs/distill/kd_resnet34_resnet18_in1k_std.py
#
# Weights: the student's own CE (MMPretrain's head, weight 1) plus KL at
# tau 1, weight 1; our choice, not tuned. (A student built from cfg_path
# cannot take config overrides, so its CE weight stays 1.)
_base_ = ['./_base_/resnet34_resnet18_in1k.py']

model = dict(
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
    distiller=dict(
        type='ConfigurableDistiller',
        student_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        teacher_recorders=dict(
            fc=dict(type='ModuleOutputs', source='head.fc')),
        distill_losses=dict(
            loss_kl=dict(type='KLDivergence', tau=1, loss_weight=1.0)),
        loss_forward_mappings=dict(
            loss_kl=dict(
                preds_S=dict(from_student=True, recorder='fc'),
                preds_T=dict(from_student=False, recorder='fc')))))
