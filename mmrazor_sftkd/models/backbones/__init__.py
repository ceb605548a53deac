"""CIFAR backbones matching the RepDistiller / CRD model definitions.

Importing this package registers every class below in mmpretrain's
``MODELS`` registry.
"""
from .cifar_mobilenet_v2 import CIFARMobileNetV2
from .cifar_resnet import BaseCIFARBackbone, CIFARResNet
from .cifar_shufflenet_v1 import CIFARShuffleNetV1
from .cifar_shufflenet_v2 import CIFARShuffleNetV2
from .cifar_vgg import CIFARVGG
from .cifar_wide_resnet import CIFARWideResNet

__all__ = [
    'BaseCIFARBackbone', 'CIFARResNet', 'CIFARWideResNet', 'CIFARVGG',
    'CIFARShuffleNetV1', 'CIFARShuffleNetV2', 'CIFARMobileNetV2'
]
