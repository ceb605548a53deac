"""CIFAR VGG with batch norm (vgg8/11/13/16/19), as defined in RepDistiller.

Implements RepDistiller's ``models/vgg.py`` with ``batch_norm=True`` (its
``model_dict`` maps ``vgg8`` ... ``vgg19`` to the ``*_bn`` builders),
https://github.com/HobbitLong/RepDistiller, the code base of CRD (Tian et
al., ICLR 2020). Architecture: Simonyan & Zisserman, "Very Deep
Convolutional Networks for Large-Scale Image Recognition", ICLR 2015, with
BN after every conv, the FC layers removed and global pooling instead;
``vgg8`` is RepDistiller's configuration ``'S'`` (one conv per group).

Stage split
-----------
RepDistiller builds five conv groups ``block0..block4`` separated by
``pool0..pool3`` (2x2 max-pool), and applies ``pool3`` only when the input is
64x64; for 32x32 CIFAR inputs ``block3`` and ``block4`` both run at 4x4. We
keep RepDistiller's group boundaries (its ``is_feat`` features ``f0..f4``):

- ``stem``   = block0 + ReLU                 (64 ch, 32x32)
- ``layer1`` = pool0 + block1 + ReLU         (128 ch, 16x16)
- ``layer2`` = pool1 + block2 + ReLU         (256 ch, 8x8)
- ``layer3`` = pool2 + block3 + ReLU         (512 ch, 4x4)
- ``layer4`` = block4 + ReLU (no pool3)      (512 ch, 4x4)

So every stage starts where the original VGG has a pooling layer, and
``layer3``/``layer4`` share a resolution only because CIFAR skips ``pool3``.
The 64x64 branch (``pool3``) is not reproduced; this backbone is for 32x32.
"""
from typing import List, Optional, Sequence, Union

import torch.nn as nn
from mmpretrain.registry import MODELS

from .cifar_resnet import BaseCIFARBackbone


@MODELS.register_module()
class CIFARVGG(BaseCIFARBackbone):
    """CIFAR VGG-BN backbone (RepDistiller ``vgg*_bn``).

    Source: RepDistiller ``models/vgg.py`` (``VGG`` with ``batch_norm=True``,
    cfgs ``S``/``A``/``B``/``D``/``E``), as used for CRD (Tian et al.,
    ICLR 2020). Architecture: Simonyan & Zisserman, ICLR 2015.

    Every conv is ``Conv2d(k=3, padding=1, bias=True)`` - BN - ReLU. Stage
    split (see the module docstring): ``stem`` = conv group 0 (32x32),
    ``layer1..layer3`` = max-pool 2x2 + conv groups 1..3 (16, 8, 4),
    ``layer4`` = conv group 4 without pooling (4x4 at 32x32 input). The
    RepDistiller ``AdaptiveAvgPool2d`` and ``classifier`` are not part of
    the backbone.

    Args:
        arch (str): One of ``vgg8``, ``vgg11``, ``vgg13``, ``vgg16``,
            ``vgg19``.
        out_indices (int | Sequence[int]): Stages whose outputs are
            returned (0-based, negative allowed). Defaults to ``(-1, )``.
        frozen_stages (int): -1 freezes nothing, 0 the stem, k the stem and
            ``layer1..layerk``. Defaults to -1.
        init_cfg (dict | list[dict], optional): mmengine init config.
            ``None`` keeps RepDistiller's init (conv ~ N(0, sqrt(2 / (9 *
            C_out))), bias 0, BN weight 1 / bias 0). Defaults to None.
    """

    # Output channels of each conv, per conv group (group 0 = stem).
    arch_settings = {
        'vgg8': dict(groups=((64, ), (128, ), (256, ), (512, ), (512, ))),
        'vgg11': dict(groups=((64, ), (128, ), (256, 256), (512, 512),
                              (512, 512))),
        'vgg13': dict(groups=((64, 64), (128, 128), (256, 256), (512, 512),
                              (512, 512))),
        'vgg16': dict(groups=((64, 64), (128, 128), (256, 256, 256),
                              (512, 512, 512), (512, 512, 512))),
        'vgg19': dict(groups=((64, 64), (128, 128), (256, 256, 256, 256),
                              (512, 512, 512, 512), (512, 512, 512, 512))),
    }
    #: Whether stage i (layer{i+1}) starts with a 2x2 max-pool at 32x32
    #: input: pool0..pool2 yes, pool3 no (RepDistiller uses it for 64x64).
    pool_before_stage = (True, True, True, False)
    #: Max-pool kernel/stride.
    pool_size = 2

    def __init__(self,
                 arch: str,
                 out_indices: Union[int, Sequence[int]] = (-1, ),
                 frozen_stages: int = -1,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        groups = self._get_arch_setting(arch)['groups']
        self.arch = arch

        stem_group, *stage_groups = groups
        self.stem = self._make_group(3, stem_group, pool=False)
        in_channels = stem_group[-1]
        for group, pool in zip(stage_groups, self.pool_before_stage):
            self._add_stage(
                self._make_group(in_channels, group, pool), group[-1])
            in_channels = group[-1]
        self._finish_init(out_indices, frozen_stages)

    def _make_group(self, in_channels: int, channels: Sequence[int],
                    pool: bool) -> nn.Sequential:
        layers = []
        if pool:
            layers.append(
                nn.MaxPool2d(
                    kernel_size=self.pool_size, stride=self.pool_size))
        for out_channels in channels:
            layers += [
                nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1),
                nn.BatchNorm2d(out_channels),
                nn.ReLU(inplace=True),
            ]
            in_channels = out_channels
        return nn.Sequential(*layers)
