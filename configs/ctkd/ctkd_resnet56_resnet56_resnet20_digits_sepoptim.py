# ./ctkd_resnet56_resnet56_resnet20_digits.py with one optimizer and one LR
# schedule per trained network (OptimWrapperDict: 'architecture' = student,
# 'scratch_teacher'), instead of the released single SGD over both. One
# backward pass of the summed loss, then each optimizer steps its network;
# with equal settings (as here) the updates equal those of one optimizer.
#
# Needs: work_dirs/resnet56_digits/epoch_8.pth
#   python tools/train.py configs/teachers/resnet56_digits.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits_sepoptim.py
#      tools/dist_train.sh configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits_sepoptim.py 2
_base_ = ['./_base_/resnet56_resnet56_resnet20_digits.py']

optim_wrapper = dict(
    _delete_=True,
    constructor='mmrazor.SeparateOptimWrapperConstructor',
    architecture=dict(
        optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=5e-4)),
    scratch_teacher=dict(
        optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=5e-4)))
param_scheduler = dict(
    _delete_=True,
    architecture=dict(
        type='MultiStepLR', by_epoch=True, milestones=[5, 7], gamma=0.1),
    scratch_teacher=dict(
        type='MultiStepLR', by_epoch=True, milestones=[5, 7], gamma=0.1))
# Distributed: one DDP per network (checkpoint keys stay those of one
# process).
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel',
    broadcast_buffers=False,
    find_unused_parameters=True)
