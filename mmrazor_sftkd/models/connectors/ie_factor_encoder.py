"""IE-KD factor encoder: a feature map to a compact factor (C -> k)."""
from typing import Dict, Optional

import torch
import torch.nn as nn
from mmrazor.models.architectures.connectors.base_connector import \
    BaseConnector
from mmrazor.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError


def build_ie_coder(in_channels: int, out_channels: int,
                   negative_slope: float) -> nn.Sequential:
    """The three-conv coder of IE-KD (Huang et al., CVPR 2021).

    ``LeakyReLU -> [conv3x3 -> BN -> LeakyReLU] x 3`` with channels
    ``in -> in -> out -> out``; convolutions have no bias (each is followed
    by BN). The encoder of an auto-encoder is ``coder(C, k)``, its decoder
    ``coder(k, C)``. No activation is in place, so recorded features and
    factors are never overwritten.
    """
    for name, value in (('in_channels', in_channels),
                        ('out_channels', out_channels)):
        if not isinstance(value, int) or value < 1:
            raise ConfigError(f'IE coder: {name} must be a positive int, '
                              f'got {value!r}.')
    layers = [nn.LeakyReLU(negative_slope)]
    for cin, cout in ((in_channels, in_channels),
                      (in_channels, out_channels),
                      (out_channels, out_channels)):
        layers += [
            nn.Conv2d(cin, cout, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(cout),
            nn.LeakyReLU(negative_slope)
        ]
    return nn.Sequential(*layers)


@MODELS.register_module()
class IEFactorEncoder(BaseConnector):
    """Student-side factor encoder of IE-KD.

    Implements the student encoders of Huang et al., "Revisiting Knowledge
    Distillation: An Inheritance and Exploration Framework" (CVPR 2021,
    arXiv 2107.00181): the inheritance part and the exploration part of the
    student's feature each go through their own encoder (``C_part -> k``),
    trained with the student. It plays the role of MMRazor's ``Translator``
    (Factor Transfer's student connector) with IE-KD's layer layout, which
    ``Translator`` cannot express: a LeakyReLU *before* the first conv,
    bias-free convs, BN after every conv. Put it after an
    :class:`IEChannelSplit` in a connector list to encode one part.

    Args:
        in_channels (int): Channels of the input (of the part, after a
            split).
        factor_channels (int): Channels ``k`` of the factor. Defaults to 32,
            the value of every released IE-KD config.
        negative_slope (float): LeakyReLU slope. Defaults to 0.1 (IE-KD and
            Factor Transfer).
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 in_channels: int,
                 factor_channels: int = 32,
                 negative_slope: float = 0.1,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(init_cfg)
        self.in_channels = in_channels
        self.factor_channels = factor_channels
        self.encoder = build_ie_coder(in_channels, factor_channels,
                                      negative_slope)

    def forward_train(self, feature: torch.Tensor) -> torch.Tensor:
        """The factor ``(N, k, H, W)`` of a feature ``(N, C, H, W)``."""
        if feature.dim() != 4 or feature.size(1) != self.in_channels:
            raise ValueError(
                f'IEFactorEncoder expects (N, {self.in_channels}, H, W), got '
                f'{tuple(feature.shape)}: check in_channels against the '
                'recorded feature (or the channel split before it).')
        return self.encoder(feature)
