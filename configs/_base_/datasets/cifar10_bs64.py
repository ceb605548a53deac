# CIFAR-10 with the CRD / RepDistiller recipe of ./cifar100_bs64.py. Data in
# data/cifar10 (python version); downloaded when the machine is online.
_base_ = ['./cifar100_bs64.py']

dataset_type = 'mmpretrain.CIFAR10'
data_root = 'data/cifar10'
num_classes = 10

data_preprocessor = dict(
    num_classes=num_classes,
    # RGB mean and std of the CIFAR-10 training set, on a 0-255 scale.
    mean=[125.307, 122.961, 113.8575],
    std=[51.5865, 50.847, 51.255])
dataset = dict(type=dataset_type, data_root=data_root)
train_dataloader = dict(dataset=dataset)
val_dataloader = dict(dataset=dataset)
test_dataloader = dict(dataset=dataset)
del dataset
