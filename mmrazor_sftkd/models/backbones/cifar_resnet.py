"""CIFAR ResNets (resnet8 ... resnet110, resnet8x4, resnet32x4).

Implements the CIFAR ResNet family exactly as defined in RepDistiller
(``models/resnet.py`` of https://github.com/HobbitLong/RepDistiller, the
code base of CRD, Tian et al., "Contrastive Representation Distillation",
ICLR 2020), which follows the CIFAR ResNet of He et al., "Deep Residual
Learning for Image Recognition", CVPR 2016, Sec. 4.2, with one difference
from the paper: shortcuts that change shape use a 1x1 conv + BN projection
(the paper's option B) instead of zero padding.

This module also holds :class:`BaseCIFARBackbone`, the plumbing shared by all
CIFAR backbone families of this package (arch lookup, ``out_indices``,
``frozen_stages``, ``stage_names``/``out_channels``, staged forward); the
other families import it from here.
"""
import math
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError


class BaseCIFARBackbone(BaseBackbone):
    """Common base of the CIFAR backbones (not registered, not for direct use).

    A subclass builds a child module ``stem`` and then calls
    :meth:`_add_stage` once per stage (in forward order); stages are named
    ``layer1``, ``layer2``, ... . Finally it calls :meth:`_finish_init`, which
    validates ``out_indices``/``frozen_stages`` and applies the weight
    initialisation of the reference implementation.

    ``forward(x)`` runs ``stem -> layer1 -> ... -> layerN`` and returns the
    outputs of the stages in ``out_indices`` as a tuple, in stage order.

    Args:
        init_cfg (dict | list[dict], optional): mmengine initialisation
            config. ``None`` keeps the reference (RepDistiller)
            initialisation applied in the constructor.
    """

    #: Per-arch settings; each subclass defines its own table.
    arch_settings: Dict[str, dict] = {}

    #: Whether the reference code re-initialises conv/BN weights in its
    #: constructor (conv ~ N(0, sqrt(2 / (k_h * k_w * C_out))), bias 0;
    #: BN weight 1, bias 0). The ShuffleNets in RepDistiller do not (they
    #: keep PyTorch's defaults).
    _reference_init: bool = True

    def __init__(self, init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        self._stage_names: List[str] = []
        self._stage_channels: List[int] = []
        self.out_indices: Tuple[int, ...] = ()
        self.frozen_stages: int = -1

    # ------------------------------------------------------------------ #
    # construction helpers
    # ------------------------------------------------------------------ #
    @classmethod
    def _get_arch_setting(cls, arch) -> dict:
        """Look ``arch`` up in :attr:`arch_settings` or raise ConfigError."""
        if isinstance(arch, str) and arch in cls.arch_settings:
            return cls.arch_settings[arch]
        valid = ', '.join(repr(name) for name in cls.arch_settings)
        raise ConfigError(f'{cls.__name__}: unknown arch {arch!r}; '
                          f'valid archs are: {valid}')

    def _add_stage(self, stage: nn.Module, channels: int) -> None:
        """Register the next stage as ``layer{i}`` with its out channels."""
        name = f'layer{len(self._stage_names) + 1}'
        self.add_module(name, stage)
        self._stage_names.append(name)
        self._stage_channels.append(int(channels))

    def _finish_init(self, out_indices, frozen_stages: int) -> None:
        """Validate the output/freeze options and initialise the weights."""
        self.out_indices = self._parse_out_indices(out_indices)
        num_stages = len(self._stage_names)
        if (isinstance(frozen_stages, bool)
                or not isinstance(frozen_stages, int)
                or not -1 <= frozen_stages <= num_stages):
            raise ConfigError(
                f'{type(self).__name__}: frozen_stages must be an int in '
                f'[-1, {num_stages}] (-1: nothing frozen, 0: stem, k: stem '
                f'and layer1..layer{{k}}), got {frozen_stages!r}')
        self.frozen_stages = frozen_stages
        if self._reference_init:
            self._init_like_reference()
        self._freeze_stages()

    def _parse_out_indices(self, out_indices) -> Tuple[int, ...]:
        num_stages = len(self._stage_names)
        names = ', '.join(self._stage_names)
        error = ConfigError(
            f'{type(self).__name__}: invalid out_indices {out_indices!r}; '
            f'expected a non-empty sequence of distinct ints in '
            f'[{-num_stages}, {num_stages - 1}] indexing the stages '
            f'({names})')
        if isinstance(out_indices, int) and not isinstance(out_indices, bool):
            out_indices = (out_indices, )
        if (not isinstance(out_indices, Sequence)
                or isinstance(out_indices, str) or len(out_indices) == 0):
            raise error
        parsed = []
        for index in out_indices:
            if (isinstance(index, bool) or not isinstance(index, int)
                    or not -num_stages <= index < num_stages):
                raise error
            index %= num_stages
            if index in parsed:
                raise error
            parsed.append(index)
        return tuple(sorted(parsed))

    def _init_like_reference(self) -> None:
        """RepDistiller's constructor-time init (see ``_reference_init``)."""
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_channels
                nn.init.normal_(m.weight, 0.0, math.sqrt(2.0 / fan_out))
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def _frozen_modules(self) -> List[nn.Module]:
        if self.frozen_stages < 0:
            return []
        return [self.stem] + [
            getattr(self, name)
            for name in self._stage_names[:self.frozen_stages]
        ]

    def _freeze_stages(self) -> None:
        for module in self._frozen_modules():
            module.eval()
            for param in module.parameters():
                param.requires_grad = False

    # ------------------------------------------------------------------ #
    # public interface
    # ------------------------------------------------------------------ #
    @property
    def stage_names(self) -> Tuple[str, ...]:
        """Names of the stage child modules, in forward order."""
        return tuple(self._stage_names)

    @property
    def out_channels(self) -> Tuple[int, ...]:
        """Output channels of every stage (aligned with ``stage_names``)."""
        return tuple(self._stage_channels)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        """Return the feature maps of the stages in ``out_indices``."""
        x = self.stem(x)
        outs = []
        for i, name in enumerate(self._stage_names):
            x = getattr(self, name)(x)
            if i in self.out_indices:
                outs.append(x)
        return tuple(outs)

    def train(self, mode: bool = True):
        super().train(mode)
        self._freeze_stages()
        return self


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    """3x3 convolution with padding 1 and no bias."""
    return nn.Conv2d(
        in_channels,
        out_channels,
        kernel_size=3,
        stride=stride,
        padding=1,
        bias=False)


class BasicBlock(nn.Module):
    """Post-activation residual block of the CIFAR ResNet (RepDistiller).

    ``relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))`` where the
    shortcut is identity or the given ``downsample`` (1x1 conv + BN).
    """

    expansion = 1

    def __init__(self,
                 in_channels: int,
                 out_channels: int,
                 stride: int = 1,
                 downsample: Optional[nn.Module] = None):
        super().__init__()
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(out_channels, out_channels)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


@MODELS.register_module()
class CIFARResNet(BaseCIFARBackbone):
    """CIFAR ResNet backbone (RepDistiller / CRD definition).

    Source: RepDistiller ``models/resnet.py`` (``ResNet`` with
    ``BasicBlock``, functions ``resnet8`` ... ``resnet32x4``), used in
    Tian et al., "Contrastive Representation Distillation", ICLR 2020.
    Architecture: He et al., "Deep Residual Learning for Image Recognition",
    CVPR 2016 (CIFAR variant, Sec. 4.2), with 1x1 conv + BN projection
    shortcuts when the shape changes.

    Layout at 32x32 input (``n = (depth - 2) / 6`` BasicBlocks per stage;
    ``C0`` = stem channels, ``C1..C3`` = stage channels from the arch table):

    - ``stem``: conv3x3(3, C0) - BN - ReLU, 32x32
    - ``layer1``: n blocks, stride 1, C1 channels, 32x32
    - ``layer2``: n blocks, first stride 2, C2 channels, 16x16
    - ``layer3``: n blocks, first stride 2, C3 channels, 8x8

    The first block of a stage gets a 1x1 conv (stride s) + BN shortcut when
    its stride is not 1 or its channels change. The RepDistiller global
    average pooling (``AvgPool2d(8)``) and ``fc`` are not part of the
    backbone; use ``GlobalAveragePooling`` + ``LinearClsHead``.

    Args:
        arch (str): One of ``resnet8``, ``resnet14``, ``resnet20``,
            ``resnet32``, ``resnet44``, ``resnet56``, ``resnet110``,
            ``resnet8x4``, ``resnet32x4``.
        out_indices (int | Sequence[int]): Stages whose outputs are
            returned (0-based, negative allowed). Defaults to ``(-1, )``,
            the last stage.
        frozen_stages (int): -1 freezes nothing, 0 the stem, k the stem and
            ``layer1..layerk``. Defaults to -1.
        init_cfg (dict | list[dict], optional): mmengine init config.
            ``None`` keeps RepDistiller's init (Kaiming-normal fan-out convs,
            BN weight 1 / bias 0). Defaults to None.
    """

    # depth: total number of weighted layers (6n + 2: stem conv, 3 stages of
    # n two-conv blocks, fc); channels: (stem, layer1, layer2, layer3).
    arch_settings = {
        'resnet8': dict(depth=8, channels=(16, 16, 32, 64)),
        'resnet14': dict(depth=14, channels=(16, 16, 32, 64)),
        'resnet20': dict(depth=20, channels=(16, 16, 32, 64)),
        'resnet32': dict(depth=32, channels=(16, 16, 32, 64)),
        'resnet44': dict(depth=44, channels=(16, 16, 32, 64)),
        'resnet56': dict(depth=56, channels=(16, 16, 32, 64)),
        'resnet110': dict(depth=110, channels=(16, 16, 32, 64)),
        'resnet8x4': dict(depth=8, channels=(32, 64, 128, 256)),
        'resnet32x4': dict(depth=32, channels=(32, 64, 128, 256)),
    }
    #: Stride of the first block of each stage.
    stage_strides = (1, 2, 2)
    #: Layers outside the residual stages (stem conv + fc) and conv layers
    #: per BasicBlock: depth = num_stages * convs_per_block * n + extra.
    _extra_layers = 2
    _convs_per_block = 2

    def __init__(self,
                 arch: str,
                 out_indices: Union[int, Sequence[int]] = (-1, ),
                 frozen_stages: int = -1,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        setting = self._get_arch_setting(arch)
        self.arch = arch
        depth = setting['depth']
        stem_channels, *stage_channels = setting['channels']
        layers_per_stage = len(self.stage_strides) * self._convs_per_block
        num_blocks = (depth - self._extra_layers) // layers_per_stage

        self.stem = nn.Sequential()
        self.stem.add_module(
            'conv1',
            nn.Conv2d(3, stem_channels, kernel_size=3, padding=1, bias=False))
        self.stem.add_module('bn1', nn.BatchNorm2d(stem_channels))
        self.stem.add_module('relu', nn.ReLU(inplace=True))

        in_channels = stem_channels
        for channels, stride in zip(stage_channels, self.stage_strides):
            self._add_stage(
                self._make_stage(in_channels, channels, num_blocks, stride),
                channels)
            in_channels = channels
        self._finish_init(out_indices, frozen_stages)

    @staticmethod
    def _make_stage(in_channels: int, out_channels: int, num_blocks: int,
                    stride: int) -> nn.Sequential:
        downsample = None
        if stride != 1 or in_channels != out_channels:
            downsample = nn.Sequential(
                nn.Conv2d(
                    in_channels,
                    out_channels,
                    kernel_size=1,
                    stride=stride,
                    bias=False),
                nn.BatchNorm2d(out_channels),
            )
        blocks = [BasicBlock(in_channels, out_channels, stride, downsample)]
        blocks += [
            BasicBlock(out_channels, out_channels)
            for _ in range(1, num_blocks)
        ]
        return nn.Sequential(*blocks)
