# IE-KD stage 1 on CIFAR-100 with the released auto-encoder recipe
# (./schedule_ae_30e.py: 30 epochs, SGD lr 0.1 constant, Nesterov, wd 5e-4,
# batch 128).
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    '../../_base_/default_runtime.py',
    './schedule_ae_30e.py',
]

train_dataloader = dict(batch_size=128)
find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
