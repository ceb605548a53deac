# IE-KD auto-encoder stage, the released recipe (aliyun/Revisiting-Knowledge-
# Distillation-an-Inheritance-and-Exploration-Framework, num_epoch_embed 30):
# 30 epochs, SGD lr 0.1 constant, Nesterov momentum 0.9, weight decay 5e-4,
# batch 128 (configs using it set train_dataloader.batch_size=128).
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True))
param_scheduler = dict(type='ConstantLR', factor=1.0, by_epoch=True)
train_cfg = dict(by_epoch=True, max_epochs=30, val_interval=30)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
