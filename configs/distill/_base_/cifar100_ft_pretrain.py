# The FT paraphraser pre-training schedule, RepDistiller's helper/pretrain.py
# init(): 30 epochs (--init_epochs), SGD momentum 0.9, wd 5e-4, constant lr
# 0.01 for ResNet / WRN students, else the student's lr (0.05 for vgg8, 0.01
# for ShuffleV2).
_base_ = ['./cifar100.py']

optim_wrapper = dict(optimizer=dict(lr=0.01))
param_scheduler = dict(
    _delete_=True, type='ConstantLR', factor=1.0, by_epoch=True)
train_cfg = dict(max_epochs=30, val_interval=30)
