# The released CTKD recipe (HaoranZhao1988/CTKD, train.py defaults): one SGD
# over the scratch teacher and the student (the expert is frozen), lr 0.1,
# momentum 0.9, weight decay 5e-4, lr x0.2 at epochs 60/120/160, 200 epochs,
# batch 128 (set in each config: the dataset bases use 64).
# Validation: student (plain names), scratch teacher and expert (prefixed
# scratch. / expert.), one pass over the data; tools/test.py reports all three.
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = dict(
    type='MultiStepLR', by_epoch=True, milestones=[60, 120, 160], gamma=0.2)
train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=1)
val_cfg = dict(type='mmrazor.MultiModelValLoop')
test_cfg = dict(type='mmrazor.MultiModelTestLoop')
# The recipe's lr belongs to batch 128 on one device.
auto_scale_lr = dict(base_batch_size=128)
find_unused_parameters = True
