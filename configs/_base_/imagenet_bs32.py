# ImageNet-1k with MMPretrain's own bases, unchanged: its dataset
# (RandomResizedCrop 224, flip; resize 256 + center crop 224), its ResNet
# schedule (SGD lr 0.1, momentum 0.9, wd 1e-4, x0.1 at epochs 30/60/90,
# 100 epochs, for a total batch of 256 = 8 GPUs x 32) and its runtime.
#
# Registry scopes follow MMRazor's own configs: default_scope 'mmpretrain'
# comes from MMPretrain's runtime, so any MMPretrain dataset, pipeline or
# model base drops in; each algorithm sets _scope_='mmrazor', and this
# package's loops and hooks are named 'mmrazor.<Type>'.
#
# Data: data/imagenet in MMPretrain's layout (train/, val/, meta/train.txt,
# meta/val.txt); see MMPretrain's dataset docs.
_base_ = [
    'mmpretrain::_base_/datasets/imagenet_bs32.py',
    'mmpretrain::_base_/schedules/imagenet_bs256.py',
    'mmpretrain::_base_/default_runtime.py',
]

# The dataset base gives mean/std/num_classes; algorithms need the type.
data_preprocessor = dict(type='mmpretrain.ClsDataPreprocessor')

# Registers this package's models, loops and hooks and applies its stack
# fixes, also when another tool (mim, mmpretrain's train.py) runs the config.
custom_imports = dict(imports=['mmrazor_sftkd'], allow_failed_imports=False)
