"""CIFAR ShuffleNet V1 (``ShuffleV1``), as defined in RepDistiller.

Implements RepDistiller's ``models/ShuffleNetv1.py``
(https://github.com/HobbitLong/RepDistiller, the code base of CRD, Tian et
al., ICLR 2020), a CIFAR adaptation of Zhang et al., "ShuffleNet: An
Extremely Efficient Convolutional Neural Network for Mobile Devices",
CVPR 2018: a 1x1 conv stem (no stride, no max-pool) and three stages whose
first unit has stride 2 and concatenates an avg-pooled shortcut.
"""
from typing import List, Optional, Sequence, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from .cifar_resnet import BaseCIFARBackbone


def channel_shuffle(x: torch.Tensor, groups: int) -> torch.Tensor:
    """Channel shuffle (ShuffleNet, Sec. 3.1) with ``groups`` groups.

    [N, C, H, W] -> [N, g, C/g, H, W] -> [N, C/g, g, H, W] -> [N, C, H, W].
    """
    n, c, h, w = x.size()
    return x.view(n, groups, c // groups, h,
                  w).permute(0, 2, 1, 3, 4).reshape(n, c, h, w)


class ChannelShuffle(nn.Module):
    """Channel shuffle module (RepDistiller ``ShuffleBlock``)."""

    def __init__(self, groups: int):
        super().__init__()
        self.groups = groups

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return channel_shuffle(x, self.groups)


class ShuffleV1Unit(nn.Module):
    """ShuffleNet V1 unit (RepDistiller ``ShuffleNetv1.Bottleneck``).

    1x1 group conv (``first_groups``) - BN - ReLU - channel shuffle -
    3x3 depthwise conv (stride) - BN - ReLU - 1x1 group conv (``groups``) -
    BN, then ``relu(out + x)`` for stride 1 or ``relu(cat(out, avgpool(x)))``
    for stride 2 (avg-pool 3x3, stride 2, padding 1).

    Args:
        in_channels (int): Input channels.
        out_channels (int): Channels of the residual branch (for stride 2
            the unit outputs ``out_channels + in_channels``).
        stride (int): 1 or 2.
        groups (int): Groups of the second 1x1 conv (and the first one
            unless ``first_groups`` is given).
        first_groups (int): Groups of the first 1x1 conv and the shuffle.
        bottleneck_ratio (int): ``mid_channels = out_channels // ratio``.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int,
                 groups: int, first_groups: int, bottleneck_ratio: int):
        super().__init__()
        self.stride = stride
        mid_channels = out_channels // bottleneck_ratio
        self.conv1 = nn.Conv2d(
            in_channels,
            mid_channels,
            kernel_size=1,
            groups=first_groups,
            bias=False)
        self.bn1 = nn.BatchNorm2d(mid_channels)
        self.shuffle1 = ChannelShuffle(first_groups)
        self.conv2 = nn.Conv2d(
            mid_channels,
            mid_channels,
            kernel_size=3,
            stride=stride,
            padding=1,
            groups=mid_channels,
            bias=False)
        self.bn2 = nn.BatchNorm2d(mid_channels)
        self.conv3 = nn.Conv2d(
            mid_channels, out_channels, kernel_size=1, groups=groups,
            bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.shortcut = nn.Sequential()
        if stride == 2:
            self.shortcut = nn.Sequential(
                nn.AvgPool2d(3, stride=2, padding=1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.shuffle1(out)
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        res = self.shortcut(x)
        out = torch.cat([out, res], 1) if self.stride == 2 else out + res
        return F.relu(out)


@MODELS.register_module()
class CIFARShuffleNetV1(BaseCIFARBackbone):
    """CIFAR ShuffleNet V1 backbone (RepDistiller ``ShuffleV1``).

    Source: RepDistiller ``models/ShuffleNetv1.py`` (``ShuffleNet`` with the
    ``ShuffleV1`` cfg: out_planes (240, 480, 960), num_blocks (4, 8, 4),
    groups 3), as used for CRD (Tian et al., ICLR 2020). Architecture:
    Zhang et al., "ShuffleNet", CVPR 2018.

    Layout at 32x32 input:

    - ``stem``: conv1x1(3, 24) - BN - ReLU, 32x32 (no stride, no max-pool)
    - ``layer1``: 4 units, the first with stride 2, 240 channels, 16x16
    - ``layer2``: 8 units, the first with stride 2, 480 channels, 8x8
    - ``layer3``: 4 units, the first with stride 2, 960 channels, 4x4

    A stride-2 unit's residual branch outputs ``C_stage - C_in`` channels,
    concatenated with the avg-pooled input. As in RepDistiller (and the
    paper), the very first unit's first 1x1 conv is dense (groups 1,
    RepDistiller: ``g = 1 if in_planes == 24``); all other 1x1 convs use
    ``groups``. RepDistiller's ``avg_pool2d(4)`` and ``linear`` are not part
    of the backbone.

    Args:
        arch (str): ``'ShuffleV1'`` (the only RepDistiller config).
            Defaults to ``'ShuffleV1'``.
        out_indices (int | Sequence[int]): Stages whose outputs are
            returned (0-based, negative allowed). Defaults to ``(-1, )``.
        frozen_stages (int): -1 freezes nothing, 0 the stem, k the stem and
            ``layer1..layerk``. Defaults to -1.
        init_cfg (dict | list[dict], optional): mmengine init config.
            ``None`` keeps PyTorch's default init, as RepDistiller does for
            this model. Defaults to None.
    """

    arch_settings = {
        'ShuffleV1':
        dict(
            stem_channels=24,
            stage_channels=(240, 480, 960),
            num_blocks=(4, 8, 4),
            groups=3),
    }
    #: mid channels of a unit = residual-branch channels // ratio.
    bottleneck_ratio = 4
    #: Stride of the first unit of every stage (later units: 1).
    first_unit_stride = 2
    #: RepDistiller keeps PyTorch's default init for ShuffleNets.
    _reference_init = False

    def __init__(self,
                 arch: str = 'ShuffleV1',
                 out_indices: Union[int, Sequence[int]] = (-1, ),
                 frozen_stages: int = -1,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        setting = self._get_arch_setting(arch)
        self.arch = arch
        stem_channels = setting['stem_channels']
        groups = setting['groups']

        self.stem = nn.Sequential()
        self.stem.add_module(
            'conv1', nn.Conv2d(3, stem_channels, kernel_size=1, bias=False))
        self.stem.add_module('bn1', nn.BatchNorm2d(stem_channels))
        self.stem.add_module('relu', nn.ReLU(inplace=True))

        in_channels = stem_channels
        for stage_idx, (channels, num_blocks) in enumerate(
                zip(setting['stage_channels'], setting['num_blocks'])):
            units = []
            for i in range(num_blocks):
                first = i == 0
                units.append(
                    ShuffleV1Unit(
                        in_channels,
                        channels - in_channels if first else channels,
                        stride=self.first_unit_stride if first else 1,
                        groups=groups,
                        first_groups=1 if stage_idx == 0 and first else groups,
                        bottleneck_ratio=self.bottleneck_ratio))
                in_channels = channels
            self._add_stage(nn.Sequential(*units), channels)
        self._finish_init(out_indices, frozen_stages)
