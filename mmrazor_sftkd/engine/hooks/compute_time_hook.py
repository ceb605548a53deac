"""Record how much of a run's wall time is training and evaluation."""
import json
import os.path as osp
import time
from typing import Optional

from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmrazor.registry import HOOKS

#: The file each run writes into its log folder (``work_dir/<timestamp>/``).
COMPUTE_TIME_FILE = 'compute_time.json'


@HOOKS.register_module()
class ComputeTimeHook(Hook):
    """Write the wall time a run spends in training and evaluation epochs.

    mmengine's ``IterTimerHook`` times iterations for the log; this hook
    adds what a cost analysis needs and the log does not give: per run, the
    seconds inside training epochs (data loading and steps; the first
    iteration, which they include, also on its own) and inside validation
    and test epochs (the evaluation included), and the wall clock
    (``time.time()``) when the run's first hook fired and when its first
    training epoch began, so that start-up, building and loading
    checkpoints show up as what comes before. Saving checkpoints (after
    ``after_train_epoch`` of this hook, which runs first) and everything
    outside the loops is not counted. The figures go to
    ``compute_time.json`` in the run's log folder after each epoch, so a
    killed run leaves what it had done. The study runner reports a study's
    overhead from them; ``tools/train.py`` and ``tools/test.py`` add this
    hook to every run.

    Not from a paper: a measurement aid of this plugin.
    """

    priority = 'HIGHEST'

    def __init__(self) -> None:
        self.times = dict(
            before_run_at=None,
            train_start_at=None,
            first_iter_s=0.0,
            train_s=0.0,
            val_s=0.0,
            test_s=0.0,
            train_epochs=0,
            train_iters=0,
            val_epochs=0)
        self._epoch_start: Optional[float] = None
        self._iter_start: Optional[float] = None

    def before_run(self, runner) -> None:
        self.times['before_run_at'] = time.time()

    def _start(self) -> None:
        # MMRazor's SingleTeacherDistillValLoop calls before_val_epoch a
        # second time, before the teacher: the epoch began at the first
        if self._epoch_start is None:
            self._epoch_start = time.perf_counter()

    def _stop(self, key: str, runner) -> None:
        if self._epoch_start is None:
            return
        self.times[key] += time.perf_counter() - self._epoch_start
        self._epoch_start = None
        self._write(runner)

    def before_train_epoch(self, runner) -> None:
        if self.times['train_start_at'] is None:
            self.times['train_start_at'] = time.time()
        self._start()

    def before_train_iter(self, runner, batch_idx, data_batch=None) -> None:
        if not self.times['train_iters']:
            self._iter_start = time.perf_counter()

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        if not self.times['train_iters']:
            self.times['first_iter_s'] = (
                time.perf_counter() - self._iter_start)
        self.times['train_iters'] += 1

    def after_train_epoch(self, runner) -> None:
        self.times['train_epochs'] += 1
        self._stop('train_s', runner)

    def before_val_epoch(self, runner) -> None:
        self._start()

    def after_val_epoch(self, runner, metrics=None) -> None:
        self.times['val_epochs'] += 1
        self._stop('val_s', runner)

    def before_test_epoch(self, runner) -> None:
        self._start()

    def after_test_epoch(self, runner, metrics=None) -> None:
        self._stop('test_s', runner)

    def _write(self, runner) -> None:
        if not is_main_process():
            return
        times = {
            key: round(value, 4) if isinstance(value, float) else value
            for key, value in self.times.items()
        }
        with open(osp.join(runner.log_dir, COMPUTE_TIME_FILE), 'w') as f:
            json.dump(times, f)
