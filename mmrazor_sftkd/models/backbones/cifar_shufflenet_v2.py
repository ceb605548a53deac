"""CIFAR ShuffleNet V2 (``ShuffleV2``), as defined in RepDistiller.

Implements RepDistiller's ``models/ShuffleNetv2.py``
(https://github.com/HobbitLong/RepDistiller, the code base of CRD, Tian et
al., ICLR 2020), a CIFAR adaptation of Ma et al., "ShuffleNet V2: Practical
Guidelines for Efficient CNN Architecture Design", ECCV 2018: a 1x1 conv
stem (no stride, no max-pool), three stages of one stride-2 down-sampling
unit followed by basic units, and a final 1x1 conv - BN - ReLU.
"""
from typing import List, Optional, Sequence, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS

from .cifar_resnet import BaseCIFARBackbone
from .cifar_shufflenet_v1 import ChannelShuffle


class ShuffleV2BasicUnit(nn.Module):
    """ShuffleNet V2 basic unit (RepDistiller ``ShuffleNetv2.BasicBlock``).

    Split the channels at ``int(C * split_ratio)``; the second part goes
    through 1x1 conv - BN - ReLU - 3x3 depthwise conv - BN - 1x1 conv - BN -
    ReLU, is concatenated after the untouched first part, then shuffled with
    2 groups.
    """

    def __init__(self, channels: int, split_ratio: float, shuffle_groups: int):
        super().__init__()
        self.split_ratio = split_ratio
        branch = int(channels * split_ratio)
        self.conv1 = nn.Conv2d(branch, branch, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(branch)
        self.conv2 = nn.Conv2d(
            branch,
            branch,
            kernel_size=3,
            stride=1,
            padding=1,
            groups=branch,
            bias=False)
        self.bn2 = nn.BatchNorm2d(branch)
        self.conv3 = nn.Conv2d(branch, branch, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(branch)
        self.shuffle = ChannelShuffle(shuffle_groups)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        c = int(x.size(1) * self.split_ratio)
        x1, x2 = x[:, :c], x[:, c:]
        out = F.relu(self.bn1(self.conv1(x2)))
        out = self.bn2(self.conv2(out))
        out = F.relu(self.bn3(self.conv3(out)))
        return self.shuffle(torch.cat([x1, out], 1))


class ShuffleV2DownUnit(nn.Module):
    """ShuffleNet V2 stride-2 unit (RepDistiller ``ShuffleNetv2.DownBlock``).

    Left: 3x3 depthwise conv (stride 2) - BN - 1x1 conv - BN - ReLU.
    Right: 1x1 conv - BN - ReLU - 3x3 depthwise conv (stride 2) - BN -
    1x1 conv - BN - ReLU. Each branch has ``out_channels // 2`` outputs;
    the two are concatenated and shuffled with 2 groups.
    """

    def __init__(self, in_channels: int, out_channels: int,
                 shuffle_groups: int):
        super().__init__()
        mid = out_channels // 2
        # left branch
        self.conv1 = nn.Conv2d(
            in_channels,
            in_channels,
            kernel_size=3,
            stride=2,
            padding=1,
            groups=in_channels,
            bias=False)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv2 = nn.Conv2d(in_channels, mid, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        # right branch
        self.conv3 = nn.Conv2d(in_channels, mid, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(mid)
        self.conv4 = nn.Conv2d(
            mid, mid, kernel_size=3, stride=2, padding=1, groups=mid,
            bias=False)
        self.bn4 = nn.BatchNorm2d(mid)
        self.conv5 = nn.Conv2d(mid, mid, kernel_size=1, bias=False)
        self.bn5 = nn.BatchNorm2d(mid)
        self.shuffle = ChannelShuffle(shuffle_groups)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        left = self.bn1(self.conv1(x))
        left = F.relu(self.bn2(self.conv2(left)))
        right = F.relu(self.bn3(self.conv3(x)))
        right = self.bn4(self.conv4(right))
        right = F.relu(self.bn5(self.conv5(right)))
        return self.shuffle(torch.cat([left, right], 1))


@MODELS.register_module()
class CIFARShuffleNetV2(BaseCIFARBackbone):
    """CIFAR ShuffleNet V2 backbone (RepDistiller ``ShuffleV2``).

    Source: RepDistiller ``models/ShuffleNetv2.py`` (``ShuffleNetV2``;
    ``ShuffleV2`` = ``net_size=1``), as used for CRD (Tian et al.,
    ICLR 2020). Architecture: Ma et al., "ShuffleNet V2", ECCV 2018.

    Layout of ``ShuffleV2`` at 32x32 input:

    - ``stem``: conv1x1(3, 24) - BN - ReLU, 32x32 (no stride, no max-pool)
    - ``layer1``: down unit + 3 basic units, 116 channels, 16x16
    - ``layer2``: down unit + 7 basic units, 232 channels, 8x8
    - ``layer3``: down unit + 3 basic units (464 channels), then
      RepDistiller's ``conv2`` (1x1, 464 -> 1024) - ``bn2`` - ReLU as
      children ``conv2``, ``bn2``, ``relu``: 1024 channels, 4x4

    RepDistiller's ``avg_pool2d(4)`` and ``linear`` are not part of the
    backbone.

    Args:
        arch (str): ``'ShuffleV2'`` (RepDistiller ``net_size=1``, the model
            used in CRD) or ``'ShuffleV2_<s>'`` for the other RepDistiller
            ``configs`` sizes (0.2, 0.3, 0.5, 1.5, 2). Defaults to
            ``'ShuffleV2'``.
        out_indices (int | Sequence[int]): Stages whose outputs are
            returned (0-based, negative allowed). Defaults to ``(-1, )``.
        frozen_stages (int): -1 freezes nothing, 0 the stem, k the stem and
            ``layer1..layerk``. Defaults to -1.
        init_cfg (dict | list[dict], optional): mmengine init config.
            ``None`` keeps PyTorch's default init, as RepDistiller does for
            this model. Defaults to None.
    """

    # RepDistiller ``configs[net_size]``: stage channels, channels of the
    # final 1x1 conv and basic units per stage (after the down unit).
    arch_settings = {
        'ShuffleV2_0.2':
        dict(stage_channels=(40, 80, 160), last_channels=512,
             num_blocks=(3, 3, 3)),
        'ShuffleV2_0.3':
        dict(stage_channels=(40, 80, 160), last_channels=512,
             num_blocks=(3, 7, 3)),
        'ShuffleV2_0.5':
        dict(stage_channels=(48, 96, 192), last_channels=1024,
             num_blocks=(3, 7, 3)),
        'ShuffleV2':
        dict(stage_channels=(116, 232, 464), last_channels=1024,
             num_blocks=(3, 7, 3)),
        'ShuffleV2_1.5':
        dict(stage_channels=(176, 352, 704), last_channels=1024,
             num_blocks=(3, 7, 3)),
        'ShuffleV2_2':
        dict(stage_channels=(224, 488, 976), last_channels=2048,
             num_blocks=(3, 7, 3)),
    }
    #: Stem output channels (1x1 conv).
    stem_channels = 24
    #: Channel split ratio of the basic units and channel-shuffle groups.
    split_ratio = 0.5
    shuffle_groups = 2
    #: RepDistiller keeps PyTorch's default init for ShuffleNets.
    _reference_init = False

    def __init__(self,
                 arch: str = 'ShuffleV2',
                 out_indices: Union[int, Sequence[int]] = (-1, ),
                 frozen_stages: int = -1,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(init_cfg=init_cfg)
        setting = self._get_arch_setting(arch)
        self.arch = arch

        self.stem = nn.Sequential()
        self.stem.add_module(
            'conv1',
            nn.Conv2d(3, self.stem_channels, kernel_size=1, bias=False))
        self.stem.add_module('bn1', nn.BatchNorm2d(self.stem_channels))
        self.stem.add_module('relu', nn.ReLU(inplace=True))

        in_channels = self.stem_channels
        stage_channels = setting['stage_channels']
        for i, (channels, num_blocks) in enumerate(
                zip(stage_channels, setting['num_blocks'])):
            stage = nn.Sequential(
                ShuffleV2DownUnit(in_channels, channels, self.shuffle_groups),
                *[
                    ShuffleV2BasicUnit(channels, self.split_ratio,
                                       self.shuffle_groups)
                    for _ in range(num_blocks)
                ])
            out_channels = channels
            if i == len(stage_channels) - 1:
                # RepDistiller's conv2/bn2/relu between layer3 and pooling.
                out_channels = setting['last_channels']
                stage.add_module(
                    'conv2',
                    nn.Conv2d(
                        channels,
                        out_channels,
                        kernel_size=1,
                        stride=1,
                        padding=0,
                        bias=False))
                stage.add_module('bn2', nn.BatchNorm2d(out_channels))
                stage.add_module('relu', nn.ReLU(inplace=True))
            self._add_stage(stage, out_channels)
            in_channels = channels
        self._finish_init(out_indices, frozen_stages)
