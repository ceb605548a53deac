# IE-KD stage 1 of 2 on the digits set (./_base_/ae.py): the auto-encoder
# (k = 32) of the frozen resnet56 teacher's backbone.layer3 (64@8); the
# student slot holds a resnet20 that is built but neither trained nor scored.
#
# Needs (with the command that writes it):
#   work_dirs/resnet56_digits/epoch_8.pth
#     python tools/train.py configs/teachers/resnet56_digits.py
# Run: python tools/train.py configs/iekd/ae_resnet56_digits.py
# Writes (read by configs/iekd/iekd_resnet56_resnet20_digits.py):
#   work_dirs/ae_resnet56_digits/epoch_5.pth
#
# Recipe: the released auto-encoder recipe (SGD lr 0.1 constant, Nesterov,
# momentum 0.9, wd 5e-4, mean absolute reconstruction error) shortened to 5
# epochs of batch 64 for the 1,437 digits training images.
_base_ = [
    '../_base_/datasets/digits_bs64.py',
    '../_base_/default_runtime_digits.py',
    './_base_/schedule_ae_30e.py',
    './_base_/ae.py',
    '../_base_/models/cifar_resnet56.py',
    '../_base_/models/cifar_resnet20.py',
]
teacher_ckpt = 'work_dirs/resnet56_digits/epoch_8.pth'
# Both classifiers without a loss (neither is trained) and ten classes.
head = dict(type='LinearClsHead', num_classes=10, in_channels=64)
model = dict(
    architecture=dict(_base_.resnet20, head=head),
    teacher=dict(_base_.resnet56, head=head),
    teacher_ckpt=teacher_ckpt,
    distiller=dict(connectors=dict(ie_teacher_ae=dict(in_channels=64))))
del head

train_dataloader = dict(batch_size=64)
auto_scale_lr = dict(base_batch_size=64)
train_cfg = dict(max_epochs=5, val_interval=5)
find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
