"""IE-KD channel split of a student feature into inheritance/exploration."""
from typing import Dict, Optional

import torch
from mmrazor.models.architectures.connectors.base_connector import \
    BaseConnector
from mmrazor.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError


@MODELS.register_module()
class IEChannelSplit(BaseConnector):
    """Select the inheritance or the exploration channels of a feature.

    Implements the split of Huang et al., "Revisiting Knowledge
    Distillation: An Inheritance and Exploration Framework" (CVPR 2021,
    arXiv 2107.00181): the student's feature is split along channels into
    an inheritance part (taught to resemble the teacher's factor) and an
    exploration part (taught to differ from it). MMRazor has no channel
    selection connector. Follow it with an :class:`IEFactorEncoder` in a
    connector list (``[IEChannelSplit, IEFactorEncoder]``), one list per
    part.

    One IE-KD step is stock MMRazor's ``SingleTeacherDistill``: data ->
    ``loss`` -> teacher and student under their ``ModuleOutputs`` recorders
    -> ``ConfigurableDistiller``: the teacher feature through the frozen
    :class:`IEAutoEncoder` connector (its factor), each student part
    through ``[IEChannelSplit, IEFactorEncoder]`` -> ``FTLoss``
    (inheritance) and :class:`ExplorationLoss` (exploration).

    The channel order is a persistent buffer ``channel_order``: the first
    ``round(ratio * in_channels)`` channels of it inherit, the rest explore.
    ``mode='natural'`` keeps the channels in order (first part inherits);
    ``mode='random'`` draws one permutation from ``seed``. The buffer is
    saved with the model and a checkpoint's order replaces the one drawn at
    build time, so a resumed or reloaded run keeps its split even if the
    seed (or torch's generator) changed. The two connectors of one student
    (``part='inheritance'`` and ``part='exploration'``) must share
    ``in_channels``, ``ratio``, ``mode`` and ``seed``: then their parts are
    disjoint and cover every channel.

    Args:
        in_channels (int): Channels of the recorded feature.
        part (str): ``'inheritance'`` or ``'exploration'``.
        ratio (float): Fraction of channels that inherit, in (0, 1).
            Defaults to 0.5 (the paper's 50/50 split).
        mode (str): ``'natural'`` or ``'random'``. Defaults to 'natural'.
        seed (int, optional): Seed of the permutation; required with
            ``mode='random'`` (both parts must draw the same one).
        init_cfg (dict, optional): Initialisation config.
    """

    PARTS = ('inheritance', 'exploration')
    MODES = ('natural', 'random')

    def __init__(self,
                 in_channels: int,
                 part: str,
                 ratio: float = 0.5,
                 mode: str = 'natural',
                 seed: Optional[int] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(init_cfg)
        if part not in self.PARTS:
            raise ConfigError(f'IEChannelSplit: part must be one of '
                              f'{list(self.PARTS)}, got {part!r}.')
        if mode not in self.MODES:
            raise ConfigError(f'IEChannelSplit: mode must be one of '
                              f'{list(self.MODES)}, got {mode!r}.')
        if not isinstance(in_channels, int) or in_channels < 2:
            raise ConfigError('IEChannelSplit: in_channels must be an int '
                              f'>= 2, got {in_channels!r}.')
        num_inherit = int(round(ratio * in_channels))
        if not 0 < num_inherit < in_channels:
            raise ConfigError(
                f'IEChannelSplit: ratio={ratio!r} of {in_channels} channels '
                f'gives {num_inherit} inheritance channels; both parts need '
                'at least one channel.')
        if mode == 'random':
            if seed is None:
                raise ConfigError(
                    "IEChannelSplit: mode='random' needs a seed, shared by "
                    'the inheritance and the exploration connector, so '
                    'that both draw the same permutation.')
            generator = torch.Generator().manual_seed(int(seed))
            order = torch.randperm(in_channels, generator=generator)
        else:
            order = torch.arange(in_channels)
        self.in_channels = in_channels
        self.part = part
        self.ratio = ratio
        self.mode = mode
        self.num_inherit = num_inherit
        self.register_buffer('channel_order', order, persistent=True)

    @property
    def out_channels(self) -> int:
        """Number of channels of this part."""
        return (self.num_inherit if self.part == 'inheritance' else
                self.in_channels - self.num_inherit)

    @property
    def channels(self) -> torch.Tensor:
        """Indices of this part's channels in the feature."""
        if self.part == 'inheritance':
            return self.channel_order[:self.num_inherit]
        return self.channel_order[self.num_inherit:]

    def forward_train(self, feature: torch.Tensor) -> torch.Tensor:
        """This part of ``feature`` (N, C, ...) along dim 1."""
        if feature.dim() < 2 or feature.size(1) != self.in_channels:
            raise ValueError(
                f'IEChannelSplit expects {self.in_channels} channels in dim '
                f'1, got a feature of shape {tuple(feature.shape)}: check '
                'in_channels against the recorded module.')
        return feature.index_select(1, self.channels)
