# shufflev2 alone on CIFAR-100, CRD recipe: a standard teacher or a baseline.
_base_ = ['../_base_/cifar100_crd.py', '../_base_/models/cifar_shufflev2.py']
model = _base_.shufflev2

# The recipe's lr for MobileNet / ShuffleNet.
optim_wrapper = dict(optimizer=dict(lr=0.01))
