"""CIFAR MobileNetV2 (``mobile_half``), as defined in RepDistiller.

Implements RepDistiller's ``models/mobilenetv2.py``
(https://github.com/HobbitLong/RepDistiller, the code base of CRD, Tian et
al., ICLR 2020; the file credits "Knowledge Distillation via Route
Constrained Optimization", Jin et al., ICCV 2019), a CIFAR variant of
Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
CVPR 2018, with an expansion ratio ``T`` for all but the first block and a
width multiplier ``W``. CRD's ``mobile_half`` is ``T=6, W=0.5``.
"""
from typing import List, Optional, Sequence, Union

import torch
import torch.nn as nn
from mmpretrain.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError
from .cifar_resnet import BaseCIFARBackbone


class InvertedResidual(nn.Module):
    """MobileNetV2 block (RepDistiller ``mobilenetv2.InvertedResidual``).

    ``conv`` = 1x1 conv (expand) - BN - ReLU - 3x3 depthwise conv (stride) -
    BN - ReLU - 1x1 conv (project) - BN; a residual is added when the
    stride is 1 and in/out channels match. The expand conv is kept even for
    ``expand_ratio == 1``, as in RepDistiller.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int,
                 expand_ratio: int):
        super().__init__()
        self.stride = stride
        self.use_res_connect = stride == 1 and in_channels == out_channels
        hidden = in_channels * expand_ratio
        self.conv = nn.Sequential(
            nn.Conv2d(in_channels, hidden, 1, 1, 0, bias=False),
            nn.BatchNorm2d(hidden),
            nn.ReLU(inplace=True),
            nn.Conv2d(
                hidden, hidden, 3, stride, 1, groups=hidden, bias=False),
            nn.BatchNorm2d(hidden),
            nn.ReLU(inplace=True),
            nn.Conv2d(hidden, out_channels, 1, 1, 0, bias=False),
            nn.BatchNorm2d(out_channels),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


def _conv_bn_relu(in_channels: int, out_channels: int, kernel_size: int,
                  stride: int) -> nn.Sequential:
    """Conv (no bias, 'same' padding) - BN - ReLU."""
    return nn.Sequential(
        nn.Conv2d(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            kernel_size // 2,
            bias=False),
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
    )


@MODELS.register_module()
class CIFARMobileNetV2(BaseCIFARBackbone):
    """CIFAR MobileNetV2 backbone (RepDistiller ``mobilenetv2_T_w``).

    Source: RepDistiller ``models/mobilenetv2.py`` (``MobileNetV2``,
    ``mobile_half`` = ``mobilenetv2_T_w(6, 0.5)``), as used for CRD (Tian et
    al., ICLR 2020). Architecture: Sandler et al., "MobileNetV2", CVPR 2018.

    RepDistiller's seven block groups ``(t, c, n, s)`` = (1, 16, 1, 1),
    (T, 24, 2, 1), (T, 32, 3, 2), (T, 64, 4, 2), (T, 96, 3, 1),
    (T, 160, 3, 2), (T, 320, 1, 1) (channels ``int(c * W)``) are split into
    stages at every resolution change, which are also the points where
    RepDistiller takes its features ``f1..f4``. Layout of ``mobile_half``
    at 32x32 input:

    - ``stem``: conv3x3(3, 16, stride 2) - BN - ReLU, 16x16
    - ``layer1``: groups 0-1 (1 + 2 blocks), 12 channels, 16x16
    - ``layer2``: group 2 (3 blocks), 16 channels, 8x8
    - ``layer3``: groups 3-4 (4 + 3 blocks), 48 channels, 4x4
    - ``layer4``: groups 5-6 (3 + 1 blocks, 80 then 160 channels), then
      RepDistiller's ``conv2`` (1x1 conv - BN - ReLU to 1280 channels) as
      child ``conv2``: 1280 channels, 2x2

    The last conv has ``int(1280 * W)`` channels if ``W > 1`` else 1280.
    RepDistiller's ``AvgPool2d(2)`` and ``classifier`` are not part of the
    backbone.

    Args:
        arch (str): ``'mobile_half'`` (T=6, W=0.5) or ``'mobile_full'``
            (T=6, W=1.0). Defaults to ``'mobile_half'``.
        widen_factor (float, optional): Width multiplier ``W``; overrides
            the arch's value (``mobile_half``: 0.5). Defaults to None.
        expand_ratio (int, optional): Expansion ratio ``T`` of the blocks
            after the first; overrides the arch's value (``mobile_half``:
            6). Defaults to None.
        out_indices (int | Sequence[int]): Stages whose outputs are
            returned (0-based, negative allowed). Defaults to ``(-1, )``.
        frozen_stages (int): -1 freezes nothing, 0 the stem, k the stem and
            ``layer1..layerk``. Defaults to -1.
        init_cfg (dict | list[dict], optional): mmengine init config.
            ``None`` keeps RepDistiller's init (conv ~ N(0, sqrt(2 / (k*k*
            C_out))), BN weight 1 / bias 0). Defaults to None.
    """

    arch_settings = {
        'mobile_half': dict(expand_ratio=6, widen_factor=0.5),
        'mobile_full': dict(expand_ratio=6, widen_factor=1.0),
    }
    #: Block groups (t, c, n, s); t=None means "use expand_ratio (T)".
    block_settings = (
        (1, 16, 1, 1),
        (None, 24, 2, 1),
        (None, 32, 3, 2),
        (None, 64, 4, 2),
        (None, 96, 3, 1),
        (None, 160, 3, 2),
        (None, 320, 1, 1),
    )
    #: Stem: 3x3 conv with this many channels (times W) and stride.
    stem_channels = 32
    stem_stride = 2
    #: Channels of the last 1x1 conv (times W only when W > 1).
    last_channels = 1280

    def __init__(self,
                 arch: str = 'mobile_half',
                 widen_factor: Optional[float] = None,
                 expand_ratio: Optional[int] = None,
                 out_indices: Union[int, Sequence[int]] = (-1, ),
                 frozen_stages: int = -1,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        setting = self._get_arch_setting(arch)
        self.arch = arch
        if widen_factor is None:
            widen_factor = setting['widen_factor']
        if expand_ratio is None:
            expand_ratio = setting['expand_ratio']
        if (isinstance(widen_factor, bool)
                or not isinstance(widen_factor, (int, float))
                or widen_factor <= 0):
            raise ConfigError(f'{type(self).__name__}: widen_factor must be '
                              f'a positive number, got {widen_factor!r}')
        if (isinstance(expand_ratio, bool)
                or not isinstance(expand_ratio, int) or expand_ratio < 1):
            raise ConfigError(f'{type(self).__name__}: expand_ratio must be '
                              f'a positive int, got {expand_ratio!r}')
        self.widen_factor = widen_factor
        self.expand_ratio = expand_ratio

        in_channels = int(self.stem_channels * widen_factor)
        self.stem = _conv_bn_relu(3, in_channels, 3, self.stem_stride)

        # Group the block rows into stages: a new stage starts at every row
        # with stride 2 (the first row opens layer1).
        stages: List[List[nn.Module]] = []
        for t, c, n, s in self.block_settings:
            if not stages or s != 1:
                stages.append([])
            out_channels = int(c * widen_factor)
            for stride in [s] + [1] * (n - 1):
                stages[-1].append(
                    InvertedResidual(in_channels, out_channels, stride,
                                     expand_ratio if t is None else t))
                in_channels = out_channels

        last_channels = (
            int(self.last_channels * widen_factor)
            if widen_factor > 1.0 else self.last_channels)
        for i, blocks in enumerate(stages):
            stage = nn.Sequential(*blocks)
            channels = blocks[-1].conv[-1].num_features
            if i == len(stages) - 1:
                stage.add_module(
                    'conv2', _conv_bn_relu(in_channels, last_channels, 1, 1))
                channels = last_channels
            self._add_stage(stage, channels)
        self._finish_init(out_indices, frozen_stages)
