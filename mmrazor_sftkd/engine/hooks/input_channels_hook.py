"""Refuse a run whose networks take images of another channel count."""
from typing import Optional, Tuple

import torch
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmpretrain.models.classifiers import BaseClassifier
from mmrazor.registry import HOOKS
from torch import nn

from mmrazor_sftkd.utils.exceptions import ConfigError
from mmrazor_sftkd.utils.random_state import (get_random_state,
                                              set_random_state)


def first_conv(backbone: nn.Module) -> Optional[Tuple[str, nn.Conv2d]]:
    """The first ``Conv2d`` of a backbone, in registration order: its stem,
    which takes the images."""
    for name, module in backbone.named_modules():
        if isinstance(module, nn.Conv2d):
            return name, module
    return None


@HOOKS.register_module()
class InputChannelsHook(Hook):
    """Check, before the first step, that every network takes the images.

    A backbone with ``in_channels=1`` given RGB images (or a teacher built
    for another dataset) fails only at the first step, with a traceback from
    inside a convolution. Before training starts, this hook reads one
    training sample and compares its channel count with the first
    convolution of every MMPretrain classifier's backbone in the model (the
    student, a teacher, CTKD's scratch teacher and expert, the IE-DML
    peers), and
    raises a :class:`ConfigError` naming the backbone and both counts.
    The sample is read with every random generator saved and restored, so
    the run draws the random numbers it would draw without this hook.
    ``tools/train.py`` adds it to every run.

    Args:
        None.
    """

    priority = 'VERY_HIGH'

    def before_train(self, runner) -> None:
        dataset = getattr(runner.train_dataloader, 'dataset', None)
        if dataset is None or len(dataset) == 0:
            return
        state = get_random_state()
        try:
            inputs = dataset[0].get('inputs')
        finally:
            set_random_state(state)
        if not isinstance(inputs, torch.Tensor) or inputs.dim() != 3:
            return  # not a CHW image
        channels = inputs.shape[0]
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        for name, module in model.named_modules():
            # MMPretrain classifiers take the images; an SFTN branch's tail
            # has a backbone too, fed with a teacher's features
            backbone = getattr(module, 'backbone', None)
            if not isinstance(module, BaseClassifier) or not isinstance(
                    backbone, nn.Module):
                continue
            found = first_conv(backbone)
            if found is None:
                continue
            conv_name, conv = found
            if conv.in_channels != channels:
                prefix = f'{name}.' if name else ''
                raise ConfigError(
                    f'{prefix}backbone takes {conv.in_channels}-channel '
                    f'images (its first convolution, {conv_name}, has '
                    f'in_channels={conv.in_channels}), but the training '
                    f'images have {channels} channels. Set the backbone\'s '
                    f'in_channels to {channels}, or convert the images.')
