# ./kd.py on the digits set, resnet56 -> resnet20 (CE 0.1, KL 0.9, tau 4);
# shared by ../kd_resnet56_resnet20_digits*.py and the IE-KD digits config.
_base_ = [
    './digits.py',
    './kd.py',
    '../../_base_/models/cifar_resnet56.py',
    '../../_base_/models/cifar_resnet20.py',
    '../../_base_/models/digits_head.py',
]
model = dict(
    architecture=dict(
        _base_.resnet20,
        head=dict(
            _base_.digits_head, loss=_base_.model.architecture.head.loss)),
    teacher=dict(_base_.resnet56, head=_base_.digits_head))
