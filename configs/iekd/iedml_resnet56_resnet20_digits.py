# IE-DML on the digits set (Huang et al., CVPR 2021): a resnet56 and a
# resnet20 trained together from scratch by deep mutual learning (KL between
# their logits at tau 1, each learning from the other's detached logits) plus
# inheritance and exploration between their factors (./_base_/iedml.py).
# No checkpoint needed.
# Run:  python tools/train.py configs/iekd/iedml_resnet56_resnet20_digits.py
#       tools/dist_train.sh configs/iekd/iedml_resnet56_resnet20_digits.py 2
#
# Validation reports peer 1 (resnet56) as accuracy/top1 and peer 2 (resnet20)
# as peer2.accuracy/top1. Each peer has its own optimizer and LR schedule
# (the digits short schedule: SGD lr 0.05, x0.1 at epochs 5 and 7, 8 epochs).
_base_ = [
    '../_base_/digits_short.py',
    './_base_/iedml.py',
    '../_base_/models/cifar_resnet56.py',
    '../_base_/models/cifar_resnet20.py',
    '../_base_/models/digits_head.py',
]

model = dict(
    peer1=dict(
        _base_.peer, model=dict(_base_.resnet56, head=_base_.digits_head)),
    peer2=dict(
        _base_.peer, model=dict(_base_.resnet20, head=_base_.digits_head)))

sgd = dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=5e-4)
optim_wrapper = dict(
    _delete_=True,
    constructor='mmrazor.SeparateOptimWrapperConstructor',
    peer1=dict(optimizer=sgd),
    peer2=dict(optimizer=sgd))
lr_steps = dict(
    type='MultiStepLR', by_epoch=True, milestones=[5, 7], gamma=0.1)
param_scheduler = dict(_delete_=True, peer1=[lr_steps], peer2=[lr_steps])
# Each peer is its own DDP module (IEDML has its own train_step).
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=False)
val_cfg = dict(_delete_=True, type='mmrazor.MultiModelValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
