# IE-KD stage 2 on CIFAR-100 with the released IE-KD schedule
# (./schedule_ie_160e.py: 160 epochs, SGD lr 0.1, Nesterov, wd 5e-4, x0.1 at
# 80/120, batch 128).
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    '../../_base_/default_runtime.py',
    './schedule_ie_160e.py',
]

train_dataloader = dict(batch_size=128)
find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
