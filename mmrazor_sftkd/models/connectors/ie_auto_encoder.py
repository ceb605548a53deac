"""IE-KD teacher-side auto-encoder (compact knowledge extraction)."""
from typing import Dict, Optional, Tuple

import torch
from mmrazor.models.architectures.connectors import Paraphraser
from mmrazor.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError
from .ie_factor_encoder import build_ie_coder


@MODELS.register_module()
class IEAutoEncoder(Paraphraser):
    """Teacher-side auto-encoder of IE-KD: the teacher's compact factor.

    Implements the compact knowledge extraction of Huang et al., "Revisiting
    Knowledge Distillation: An Inheritance and Exploration Framework" (CVPR
    2021, arXiv 2107.00181): an auto-encoder is first trained to reconstruct
    a frozen teacher's feature map; its encoder then gives the factor the
    student inherits from and explores away from.

    It is MMRazor's ``Paraphraser`` (Factor Transfer, same two phases, same
    checkpoint pattern) with these differences:

    * IE-KD's layer layout (:func:`build_ie_coder`): a LeakyReLU before the
      first conv, bias-free convs, BN after every conv (``Paraphraser`` has
      no leading activation, biased convs and BN only with ``use_bn``); the
      decoder is the mirrored coder ``k -> k -> C -> C`` of convs (not
      transposed convs).
    * Phase ``'train'`` freezes the module completely: its parameters do
      not require gradients (so DDP does not wait for them) and it stays in
      eval mode whatever ``train()`` is called with, so its BN statistics
      never change. ``Paraphraser`` only wraps the encoder in ``no_grad``,
      which would let BN running statistics drift during stage 2.
    * :meth:`autoencode` returns the factor and the reconstruction together
      (used by ``IEDML``, which trains one auto-encoder per peer online).

    Args:
        in_channels (int): Channels ``C`` of the teacher feature.
        factor_channels (int): Channels ``k`` of the factor. Defaults to 32,
            the value of every released IE-KD config.
        phase (str): ``'pretrain'``: forward returns the reconstruction
            (stage 1); ``'train'``: forward returns the frozen encoder's
            factor (stage 2).
        negative_slope (float): LeakyReLU slope. Defaults to 0.1.
        init_cfg (dict, optional): Initialisation config; in stage 2 a
            ``Pretrained`` init on the distiller loads the stage-1 weights.
    """

    PHASES = ('pretrain', 'train')

    def __init__(self,
                 in_channels: int,
                 factor_channels: int = 32,
                 phase: str = 'pretrain',
                 negative_slope: float = 0.1,
                 init_cfg: Optional[Dict] = None) -> None:
        if phase not in self.PHASES:
            raise ConfigError(f'IEAutoEncoder: phase must be one of '
                              f'{list(self.PHASES)}, got {phase!r}.')
        self.negative_slope = negative_slope
        self.in_channels = in_channels
        self.factor_channels = factor_channels
        super().__init__(in_channels, factor_channels, phase=phase,
                         init_cfg=init_cfg)
        if self.phase == 'train':
            for param in self.parameters():
                param.requires_grad = False
            self.train(False)

    def _build_modules(self, in_channel: int, out_channel: int,
                       use_bn: Optional[bool] = True) -> None:
        """Build IE-KD's encoder (C -> k) and decoder (k -> C)."""
        self.encoder = build_ie_coder(in_channel, out_channel,
                                      self.negative_slope)
        self.decoder = build_ie_coder(out_channel, in_channel,
                                      self.negative_slope)

    def train(self, mode: bool = True) -> 'IEAutoEncoder':
        """Set the mode; a ``'train'``-phase auto-encoder stays in eval."""
        return super().train(mode and self.phase == 'pretrain')

    def autoencode(self, feature: torch.Tensor
                   ) -> Tuple[torch.Tensor, torch.Tensor]:
        """``(factor, reconstruction)`` of a feature, with gradients."""
        self._check(feature)
        factor = self.encoder(feature)
        return factor, self.decoder(factor)

    def forward_train(self, x: torch.Tensor) -> torch.Tensor:
        """The frozen encoder's factor (stage 2)."""
        self._check(x)
        return super().forward_train(x)

    def forward_pretrain(self, t_feat: torch.Tensor) -> torch.Tensor:
        """The reconstruction of the feature (stage 1)."""
        self._check(t_feat)
        return super().forward_pretrain(t_feat)

    def _check(self, feature: torch.Tensor) -> None:
        if feature.dim() != 4 or feature.size(1) != self.in_channels:
            raise ValueError(
                f'IEAutoEncoder expects (N, {self.in_channels}, H, W), got '
                f'{tuple(feature.shape)}: check in_channels against the '
                'recorded teacher feature.')
