"""Test-only: kill the training process at a chosen iteration (kill -9).

Imported by a test's config through ``custom_imports`` (with ``tests/`` on
PYTHONPATH), so that a run dies at the same step every time, like a user's
``kill -9``: no exception, no cleanup, no checkpoint of the partial epoch.
"""
import os
import signal
import sys

from mmengine.hooks import Hook
from mmrazor.registry import HOOKS


@HOOKS.register_module()
class SigkillHook(Hook):
    """Send SIGKILL to this process after a given training iteration.

    Args:
        epoch (int): The epoch, counted from 1.
        iteration (int): The iteration within that epoch, counted from 1.
    """

    def __init__(self, epoch: int, iteration: int) -> None:
        self.epoch = epoch
        self.iteration = iteration

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None) -> None:
        if (runner.epoch + 1, batch_idx + 1) == (self.epoch, self.iteration):
            print(f'SIGKILL after epoch {self.epoch} iteration '
                  f'{self.iteration}', file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
