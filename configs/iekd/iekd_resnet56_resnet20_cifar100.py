# IE + KD (Huang et al., CVPR 2021; Hinton et al., 2015), CIFAR-100, resnet56
# -> resnet20: the IE terms of ./_base_/ie_resnet56_resnet20_cifar100.py plus
# stock MMRazor KLDivergence on the logits, with the repo's KD numbers (the CRD
# recipe, as configs/distill/kd_*: CE 0.1, KL 0.9, tau 4).
#
# Needs (each with the command that writes it):
#   work_dirs/resnet56_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet56_cifar100.py
#   work_dirs/ae_resnet56_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_resnet56_cifar100.py
# An SFTN teacher export (plain classifier state_dict, ..._teacher.pth) can
# replace the teacher: see ./_base_/ie_resnet56_resnet20_cifar100.py.
# Run: python tools/train.py configs/iekd/iekd_resnet56_resnet20_cifar100.py
_base_ = ['./_base_/ie_resnet56_resnet20_cifar100.py']

model = dict(
    architecture=dict(head=dict(loss=dict(loss_weight=0.1))),
    distiller=dict(
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
