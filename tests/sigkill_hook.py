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


@HOOKS.register_module()
class SigkillOnceHook(Hook):
    """SIGKILL at a chosen point, the first time only, across processes.

    The kill happens only while ``marker`` does not exist; the file is
    created first. So a config that kills can be resumed as it is, and a
    reference run that must not be killed uses a marker that exists.

    Args:
        marker (str): The file that records that the kill happened.
        epoch (int): The epoch, counted from 1.
        iteration (int, optional): Kill after this iteration of the epoch;
            None kills at the end of the epoch, in ``after_train_epoch``.
            Give the hook ``priority='LOWEST'`` to kill after that epoch's
            checkpoint is saved and before its validation.
    """

    def __init__(self, marker: str, epoch: int, iteration=None) -> None:
        self.marker = marker
        self.epoch = epoch
        self.iteration = iteration

    def _kill_once(self, where: str) -> None:
        if os.path.exists(self.marker):
            return
        open(self.marker, 'w').close()
        print(f'SIGKILL {where}', file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None) -> None:
        if (runner.epoch + 1, batch_idx + 1) == (self.epoch, self.iteration):
            self._kill_once(f'after epoch {self.epoch} iteration '
                            f'{self.iteration}')

    def after_train_epoch(self, runner) -> None:
        if self.iteration is None and runner.epoch + 1 == self.epoch:
            self._kill_once(f'at the end of epoch {self.epoch}')
