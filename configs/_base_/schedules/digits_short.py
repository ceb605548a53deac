# A short schedule for the embedded digits set: the CRD optimiser settings,
# compressed to a few epochs so that it runs in minutes on a 2-core CPU,
# with a one-epoch linear warm-up (deep CIFAR ResNets on digits, and SFTN's
# branch KL through the teacher, were unstable at lr 0.05 from step one).
max_epochs = 8
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=0.1,
        by_epoch=True,
        begin=0,
        end=1,
        convert_to_iter_based=True),
    dict(
        type='MultiStepLR',
        by_epoch=True,
        begin=0,
        end=max_epochs,
        milestones=[5, 7],
        gamma=0.1),
]
train_cfg = dict(by_epoch=True, max_epochs=max_epochs, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=64)
