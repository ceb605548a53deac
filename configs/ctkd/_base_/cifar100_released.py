# CIFAR-100 with the released CTKD recipe (./schedule_released_200e.py) at
# its batch size of 128.
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    './schedule_released_200e.py',
    '../../_base_/default_runtime.py',
]

train_dataloader = dict(batch_size=128)
