# A standard ResNet-18 on ImageNet-1k: MMPretrain's own config, unchanged,
# run with this package imported. MMPretrain's model zoo has trained weights
# (resnet18_8xb32_in1k); any MMRazor distiller loads them as teacher_ckpt.
# python tools/train.py configs/teachers/resnet18_in1k.py
_base_ = ['mmpretrain::resnet/resnet18_8xb32_in1k.py']

custom_imports = dict(imports=['mmrazor_sftkd'], allow_failed_imports=False)
