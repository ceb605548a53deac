# IE-DML on the digits set (Huang et al., CVPR 2021): a resnet56 and a
# resnet20 trained together from scratch by deep mutual learning (KL between
# their logits at tau 1, each learning from the other's detached logits) plus
# inheritance and exploration between their factors (see IEDML's docstring).
# No checkpoint needed.
# Run:  python tools/train.py configs/iekd/iedml_resnet56_resnet20_digits.py
#       tools/dist_train.sh configs/iekd/iedml_resnet56_resnet20_digits.py 2
#
# Each peer: its backbone.layer3 (64@8, before pooling) is split 50/50 along
# channels (IEChannelSplit), each half encoded to k = 32 channels
# (IEFactorEncoder); its own IEAutoEncoder, trained online on its detached
# feature (mean absolute reconstruction error), gives the factor the other
# peer inherits from (FTLoss) and explores away from (ExplorationLoss).
# Validation reports peer 1 (resnet56) as accuracy/top1 and peer 2 (resnet20)
# as peer2.accuracy/top1. Each peer has its own optimizer and LR schedule
# (the digits short schedule: SGD lr 0.05, x0.1 at epochs 5 and 7, 8 epochs).
_base_ = [
    '../_base_/datasets/digits_bs64.py',
    '../_base_/schedules/digits_short.py',
    '../_base_/default_runtime_digits.py',
]
default_scope = 'mmrazor'

factor_channels = 32
ie_weight = 500.0  # see configs/iekd/iekd_resnet56_resnet20_digits.py
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
                num_classes=10,
                in_channels=64,
                loss=dict(type='CrossEntropyLoss', loss_weight=1.0))),
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
val_cfg = dict(_delete_=True, type='mmrazor.MutualLearningValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
