"""CIFAR Wide ResNets (WRN-d-k), as defined in RepDistiller.

Implements RepDistiller's ``models/wrn.py`` (https://github.com/HobbitLong/
RepDistiller, the code base of CRD, Tian et al., ICLR 2020), i.e. the WRN of
Zagoruyko & Komodakis, "Wide Residual Networks", BMVC 2016: pre-activation
basic blocks (BN-ReLU-conv3x3-BN-ReLU-[dropout]-conv3x3), a 1x1 conv
shortcut (no BN) applied to the pre-activated input whenever the channel
count changes, and a final BN-ReLU before pooling.

Why not mmrazor's ``WideResNet``
--------------------------------
mmrazor 1.0.0's ``WideResNet`` has the same layout (stem, pre-activation
block order, 1x1 conv shortcut on the pre-activated input when channels
change, final BN-ReLU, channels 16, 16k, 32k, 64k; equal parameter counts
and state-dict shapes). It cannot serve as this package's backbone:

- it is registered in mmrazor's registry, not mmpretrain's, and subclasses
  ``BaseModule`` rather than mmpretrain's ``BaseBackbone``: no
  ``out_indices``, only the final feature map is returned;
- ``frozen_stages >= 0`` raises ``AttributeError`` (``_freeze_stages``
  uses ``self.norm1`` before it is created);
- its ``ResLayer`` accepts a dropout rate but never passes it on;
- its final BN-ReLU is a top-level module after ``layer3`` (here it ends
  ``layer3``), and it accepts only depths 10/16/22/28/40.

Block child names (``bn1, conv1, bn2, conv2, downsample``) follow mmrazor's
so that its stage keys ``layer{i}.{j}.*`` carry over unchanged.
"""
from typing import List, Optional, Sequence, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError
from .cifar_resnet import BaseCIFARBackbone


class WideBasicBlock(nn.Module):
    """Pre-activation WRN block (RepDistiller ``wrn.BasicBlock``).

    ``out = conv2(drop(relu(bn2(conv1(relu(bn1(x)))))))``; the shortcut is
    ``x`` when in/out channels are equal, else ``downsample(relu(bn1(x)))``
    (a 1x1 conv with the block's stride, no BN).
    """

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 stride: int,
                 dropout: float = 0.0):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(
            in_channels,
            out_channels,
            kernel_size=3,
            stride=stride,
            padding=1,
            bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(
            out_channels,
            out_channels,
            kernel_size=3,
            stride=1,
            padding=1,
            bias=False)
        self.dropout = dropout
        # RepDistiller: shortcut conv iff in_planes != out_planes.
        self.downsample = None
        if in_channels != out_channels:
            self.downsample = nn.Conv2d(
                in_channels,
                out_channels,
                kernel_size=1,
                stride=stride,
                padding=0,
                bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        preact = self.relu1(self.bn1(x))
        shortcut = x if self.downsample is None else self.downsample(preact)
        out = self.relu2(self.bn2(self.conv1(preact)))
        if self.dropout > 0:
            out = F.dropout(out, p=self.dropout, training=self.training)
        return self.conv2(out) + shortcut


@MODELS.register_module()
class CIFARWideResNet(BaseCIFARBackbone):
    """CIFAR Wide ResNet backbone WRN-depth-widen_factor (RepDistiller).

    Source: RepDistiller ``models/wrn.py`` (``WideResNet``, ``wrn_16_1``,
    ``wrn_16_2``, ``wrn_40_1``, ``wrn_40_2``), used in Tian et al.,
    "Contrastive Representation Distillation", ICLR 2020. Architecture:
    Zagoruyko & Komodakis, "Wide Residual Networks", BMVC 2016.

    Layout at 32x32 input (``n = (depth - 4) / 6`` blocks per stage,
    ``k = widen_factor``):

    - ``stem``: conv3x3(3, 16) (no BN/ReLU: blocks are pre-activation), 32x32
    - ``layer1``: n blocks, stride 1, 16k channels, 32x32
    - ``layer2``: n blocks, first stride 2, 32k channels, 16x16
    - ``layer3``: n blocks, first stride 2, 64k channels, then the network's
      final BN + ReLU (children ``bn``, ``relu``), 8x8

    Args:
        arch (str, optional): Named variant, one of the keys of
            :attr:`arch_settings` (``wrn_16_1``, ``wrn_16_2``, ``wrn_40_1``,
            ``wrn_40_2``, ``wrn_28_10``, ...). Give either ``arch`` or both
            ``depth`` and ``widen_factor``. Defaults to None.
        depth (int, optional): Total depth, ``6n + 4`` with ``n >= 1``.
        widen_factor (int, optional): Width multiplier ``k`` (>= 1).
        dropout (float): Dropout probability between the two convs of every
            block (RepDistiller ``dropRate``). Defaults to 0.0.
        out_indices (int | Sequence[int]): Stages whose outputs are
            returned (0-based, negative allowed). Defaults to ``(-1, )``.
        frozen_stages (int): -1 freezes nothing, 0 the stem, k the stem and
            ``layer1..layerk``. Defaults to -1.
        init_cfg (dict | list[dict], optional): mmengine init config.
            ``None`` keeps RepDistiller's init (conv ~ N(0, sqrt(2 / (k*k*
            C_out))), BN weight 1 / bias 0). Defaults to None.
    """

    arch_settings = {
        'wrn_16_1': dict(depth=16, widen_factor=1),
        'wrn_16_2': dict(depth=16, widen_factor=2),
        'wrn_16_4': dict(depth=16, widen_factor=4),
        'wrn_16_8': dict(depth=16, widen_factor=8),
        'wrn_28_2': dict(depth=28, widen_factor=2),
        'wrn_28_4': dict(depth=28, widen_factor=4),
        'wrn_28_10': dict(depth=28, widen_factor=10),
        'wrn_40_1': dict(depth=40, widen_factor=1),
        'wrn_40_2': dict(depth=40, widen_factor=2),
        'wrn_40_4': dict(depth=40, widen_factor=4),
    }
    #: Stem output channels (not widened).
    stem_channels = 16
    #: Stage channels before widening, and first-block stride per stage.
    base_channels = (16, 32, 64)
    stage_strides = (1, 2, 2)
    #: WRN depth convention: depth = num_stages * convs_per_block * n + 4,
    #: i.e. 6n + 4 (RepDistiller asserts ``(depth - 4) % 6 == 0``).
    _extra_layers = 4
    _convs_per_block = 2

    def __init__(self,
                 arch: Optional[str] = None,
                 depth: Optional[int] = None,
                 widen_factor: Optional[int] = None,
                 dropout: float = 0.0,
                 out_indices: Union[int, Sequence[int]] = (-1, ),
                 frozen_stages: int = -1,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        depth, widen_factor = self._resolve(arch, depth, widen_factor)
        if (isinstance(dropout, bool) or not isinstance(dropout, (int, float))
                or not 0.0 <= dropout < 1.0):
            raise ConfigError(f'{type(self).__name__}: dropout must be a '
                              f'float in [0, 1), got {dropout!r}')
        self.arch = arch if arch is not None else f'wrn_{depth}_{widen_factor}'
        self.depth = depth
        self.widen_factor = widen_factor
        self.dropout = float(dropout)
        num_blocks = (depth - self._extra_layers) // (
            len(self.stage_strides) * self._convs_per_block)

        self.stem = nn.Sequential()
        self.stem.add_module(
            'conv1',
            nn.Conv2d(
                3,
                self.stem_channels,
                kernel_size=3,
                stride=1,
                padding=1,
                bias=False))

        in_channels = self.stem_channels
        num_stages = len(self.stage_strides)
        for i, (base, stride) in enumerate(
                zip(self.base_channels, self.stage_strides)):
            channels = base * widen_factor
            stage = nn.Sequential(*[
                WideBasicBlock(in_channels if j == 0 else channels, channels,
                               stride if j == 0 else 1, self.dropout)
                for j in range(num_blocks)
            ])
            if i == num_stages - 1:
                # RepDistiller's final ``bn1`` + ``relu`` (before pooling).
                stage.add_module('bn', nn.BatchNorm2d(channels))
                stage.add_module('relu', nn.ReLU(inplace=True))
            self._add_stage(stage, channels)
            in_channels = channels
        self._finish_init(out_indices, frozen_stages)

    @classmethod
    def _resolve(cls, arch, depth, widen_factor):
        """Return ``(depth, widen_factor)`` from ``arch`` or explicit args."""
        if arch is not None:
            if depth is not None or widen_factor is not None:
                raise ConfigError(
                    f'{cls.__name__}: give either arch or depth + '
                    f'widen_factor, not both (got arch={arch!r}, '
                    f'depth={depth!r}, widen_factor={widen_factor!r})')
            setting = cls._get_arch_setting(arch)
            return setting['depth'], setting['widen_factor']
        if depth is None or widen_factor is None:
            valid = ', '.join(repr(name) for name in cls.arch_settings)
            raise ConfigError(
                f'{cls.__name__}: give arch (one of {valid}) or both depth '
                f'and widen_factor (got depth={depth!r}, '
                f'widen_factor={widen_factor!r})')
        layers_per_block_row = len(cls.stage_strides) * cls._convs_per_block
        if (isinstance(depth, bool) or not isinstance(depth, int)
                or depth < cls._extra_layers + layers_per_block_row
                or (depth - cls._extra_layers) % layers_per_block_row):
            raise ConfigError(
                f'{cls.__name__}: depth must be an int of the form '
                f'{layers_per_block_row}n + {cls._extra_layers} with n >= 1 '
                f'(e.g. 10, 16, 22, 28, 40), got {depth!r}')
        if (isinstance(widen_factor, bool)
                or not isinstance(widen_factor, int) or widen_factor < 1):
            raise ConfigError(f'{cls.__name__}: widen_factor must be a '
                              f'positive int, got {widen_factor!r}')
        return depth, widen_factor
