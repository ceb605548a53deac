# The paper's ablation: fine-tune an already trained standard teacher with
# student branches for a few epochs instead of training it from scratch.
# Needs: python tools/train.py configs/teachers/resnet32x4_cifar100.py
_base_ = ['./_base_/sftn_resnet32x4_resnet8x4_cifar100.py']
model = dict(teacher_ckpt='work_dirs/resnet32x4_cifar100/epoch_240.pth')

# A short schedule at the recipe's final learning rates.
optim_wrapper = dict(optimizer=dict(lr=0.005))
param_scheduler = dict(
    _delete_=True, type='MultiStepLR', by_epoch=True, milestones=[20],
    gamma=0.1)
train_cfg = dict(max_epochs=30)
