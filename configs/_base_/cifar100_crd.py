# CIFAR-100 with the CRD / RepDistiller recipe: the dataset, the 240-epoch
# schedule and the shared runtime, one base for every CIFAR-100 config.
_base_ = [
    './datasets/cifar100_bs64.py',
    './schedules/cifar_crd_240e.py',
    './default_runtime.py',
]
