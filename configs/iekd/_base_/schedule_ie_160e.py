# IE-KD main stage, the released recipe (config/ie_kd.yaml): 160 epochs, SGD
# lr 0.1, Nesterov momentum 0.9, weight decay 5e-4, x0.1 at epochs 80 and
# 120, batch 128 (configs using it set train_dataloader.batch_size=128).
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True))
param_scheduler = dict(
    type='MultiStepLR', by_epoch=True, milestones=[80, 120], gamma=0.1)
train_cfg = dict(by_epoch=True, max_epochs=160, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
