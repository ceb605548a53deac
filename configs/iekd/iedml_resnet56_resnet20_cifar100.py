# IE-DML on CIFAR-100 (Huang et al., CVPR 2021): resnet56 and resnet20 trained
# together from scratch by deep mutual learning (Zhang et al., CVPR 2018: KL
# between their logits at tau 1, each learning from the other's detached
# logits, CE 1.0) plus inheritance and exploration between their factors
# (IEDML; see its docstring for the design). No checkpoint needed. Run:  python
# tools/train.py configs/iekd/iedml_resnet56_resnet20_cifar100.py
# tools/dist_train.sh configs/iekd/iedml_resnet56_resnet20_cifar100.py N
#
# Each peer: its backbone.layer3 (64@8, before pooling) is split 50/50 along
# channels (IEChannelSplit), each half encoded to k = 32 channels
# (IEFactorEncoder); its own IEAutoEncoder, trained online on its detached
# feature (mean absolute reconstruction error), gives the factor the other
# peer inherits from (FTLoss) and explores away from (ExplorationLoss), with
# the weights of configs/iekd/_base_/ie_*_cifar100.py (500 each).
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
]
default_scope = 'mmrazor'

factor_channels = 32
ie_weight = 500.0
ie_split = dict(in_channels=64, ratio=0.5, mode='natural', seed=None)


def peer(arch):
    return dict(
        model=dict(
            _scope_='mmpretrain',
            type='ImageClassifier',
            backbone=dict(type='CIFARResNet', arch=arch),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(
                type='LinearClsHead',
                num_classes=100,
                in_channels=64,
                loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
                topk=(1, 5))),
        feature='backbone.layer3',
        auto_encoder=dict(
            type='IEAutoEncoder',
            phase='pretrain',
            in_channels=64,
            factor_channels=factor_channels),
        inherit=[
            dict(type='IEChannelSplit', part='inheritance', **ie_split),
            dict(
                type='IEFactorEncoder',
                in_channels=32,
                factor_channels=factor_channels),
        ],
        explore=[
            dict(type='IEChannelSplit', part='exploration', **ie_split),
            dict(
                type='IEFactorEncoder',
                in_channels=32,
                factor_channels=factor_channels),
        ])


model = dict(
    _scope_='mmrazor',
    type='IEDML',
    peer1=peer('resnet56'),
    peer2=peer('resnet20'),
    loss_kl=dict(type='KLDivergence', tau=1, loss_weight=1.0),
    loss_inh=dict(type='FTLoss', loss_weight=ie_weight),
    loss_exp=dict(type='ExplorationLoss', loss_weight=ie_weight),
    loss_rec=dict(type='L1Loss', loss_weight=1.0))
del peer

sgd = dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
optim_wrapper = dict(
    constructor='mmrazor.SeparateOptimWrapperConstructor',
    peer1=dict(optimizer=sgd),
    peer2=dict(optimizer=sgd))
lr_steps = dict(
    type='MultiStepLR', by_epoch=True, milestones=[60, 120, 180], gamma=0.1)
param_scheduler = dict(peer1=[lr_steps], peer2=[lr_steps])
train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=1)
val_cfg = dict(type='mmrazor.MutualLearningValLoop')
test_cfg = dict(type='mmrazor.MultiModelTestLoop')
auto_scale_lr = dict(base_batch_size=64)
# Each peer is its own DDP module (IEDML has its own train_step).
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=False)
