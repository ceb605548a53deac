# ./kd.py for ResNet-34 -> ResNet-18 on ImageNet-1k: the student's own CE
# (MMPretrain's head, weight 1: a student built from cfg_path takes no
# overrides, hence _delete_) plus KL at tau 1, weight 1; our choice, not
# tuned.
_base_ = [
    './in1k.py', './kd.py', '../../_base_/models/in1k_resnet34.py',
    '../../_base_/models/in1k_resnet18.py'
]
model = dict(
    architecture=dict(_base_.resnet18_in1k, _delete_=True),
    teacher=_base_.resnet34_in1k,
    distiller=dict(distill_losses=dict(loss_kl=dict(tau=1, loss_weight=1.0))))
