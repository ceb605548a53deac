# IE-DML on CIFAR-100 (Huang et al., CVPR 2021): resnet56 and resnet20 trained
# together from scratch by deep mutual learning (Zhang et al., CVPR 2018: KL
# between their logits at tau 1, each learning from the other's detached
# logits, CE 1.0) plus inheritance and exploration between their factors
# (./_base_/iedml.py). No checkpoint needed.
# Run: python tools/train.py configs/iekd/iedml_resnet56_resnet20_cifar100.py
#      tools/dist_train.sh configs/iekd/iedml_resnet56_resnet20_cifar100.py N
#
# Validation: peer 1 (resnet56) as accuracy/top1, peer 2 (resnet20) as
# peer2.accuracy/top1. Checkpoint keys peer1.classifier.* / peer2.classifier.*
# are plain classifiers.
#
# Schedule: the released DML recipe (config/DML/cifar100/resnet56-20.yaml):
# one SGD per peer, lr 0.1, Nesterov momentum 0.9, wd 5e-4, x0.1 at epochs
# 60/120/180, 200 epochs, batch 64.
_base_ = [
    '../_base_/datasets/cifar100_bs64.py',
    '../_base_/default_runtime.py',
    './_base_/iedml.py',
    '../_base_/models/cifar_resnet56.py',
    '../_base_/models/cifar_resnet20.py',
]

model = dict(
    peer1=dict(_base_.peer, model=_base_.resnet56),
    peer2=dict(_base_.peer, model=_base_.resnet20))

sgd = dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
optim_wrapper = dict(
    constructor='mmrazor.SeparateOptimWrapperConstructor',
    peer1=dict(optimizer=sgd),
    peer2=dict(optimizer=sgd))
lr_steps = dict(
    type='MultiStepLR', by_epoch=True, milestones=[60, 120, 180], gamma=0.1)
param_scheduler = dict(peer1=[lr_steps], peer2=[lr_steps])
train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=1)
val_cfg = dict(type='mmrazor.MultiModelValLoop')
test_cfg = dict(type='mmrazor.MultiModelTestLoop')
auto_scale_lr = dict(base_batch_size=64)
# Each peer is its own DDP module (IEDML has its own train_step).
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=False)
