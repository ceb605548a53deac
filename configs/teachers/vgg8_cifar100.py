# vgg8 alone on CIFAR-100, CRD recipe: a standard teacher or a baseline.
_base_ = ['../_base_/cifar100_crd.py', '../_base_/models/cifar_vgg8.py']
model = _base_.vgg8
