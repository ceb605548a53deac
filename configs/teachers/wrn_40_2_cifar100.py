# wrn_40_2 alone on CIFAR-100, CRD recipe: a standard teacher or a baseline.
_base_ = ['../_base_/cifar100_crd.py', '../_base_/models/cifar_wrn_40_2.py']
model = _base_.wrn_40_2
