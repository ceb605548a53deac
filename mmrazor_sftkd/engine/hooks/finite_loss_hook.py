"""Stop training at the first non-finite loss term."""
import math
from typing import Optional

import torch
from mmengine.hooks import Hook
from mmrazor.registry import HOOKS

from mmrazor_sftkd.utils.exceptions import TrainingError


@HOOKS.register_module()
class FiniteLossHook(Hook):
    """Stop training as soon as any logged loss term is NaN or infinite.

    MMEngine keeps training through a NaN loss: the epochs finish, the
    process exits 0 and a "best" checkpoint may be saved at chance
    accuracy. This hook checks every loss term that ``train_step`` returns
    (every logged key containing ``loss``) after each iteration and raises a
    :class:`TrainingError` that names the epoch, the iteration and the term.
    ``tools/train.py`` adds it to every run unless the config sets
    ``allow_non_finite_loss = True``.

    Args:
        None.
    """

    priority = 'VERY_HIGH'

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch=None,
                         outputs: Optional[dict] = None) -> None:
        for name, value in (outputs or {}).items():
            if 'loss' not in name:
                continue
            if isinstance(value, torch.Tensor):
                value = value.detach()
            if not math.isfinite(float(value)):
                raise TrainingError(
                    f'non-finite loss at epoch {runner.epoch + 1}, iteration '
                    f'{runner.iter + 1}: {name} = {float(value)}. Training '
                    'stopped; lower the learning rate or clip gradients, or '
                    'set allow_non_finite_loss = True in the config to go on.')
