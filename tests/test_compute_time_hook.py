"""ComputeTimeHook: the seconds a run spends in its training, validation and
test epochs, written to its log folder."""
import json
import time
from types import SimpleNamespace

from mmrazor_sftkd.engine.hooks import ComputeTimeHook
from mmrazor_sftkd.engine.hooks.compute_time_hook import COMPUTE_TIME_FILE


def test_epochs_are_timed_and_written(tmp_path):
    runner = SimpleNamespace(log_dir=str(tmp_path))
    hook = ComputeTimeHook()
    hook.before_run(runner)
    hook.before_train_epoch(runner)
    hook.before_train_iter(runner, 0)
    time.sleep(0.05)
    hook.after_train_iter(runner, 0)
    hook.before_train_iter(runner, 1)
    time.sleep(0.05)
    hook.after_train_iter(runner, 1)
    hook.after_train_epoch(runner)
    time.sleep(0.1)  # a checkpoint save: not counted
    # MMRazor's SingleTeacherDistillValLoop: a second before_val_epoch
    # before the teacher; the epoch began at the first one
    hook.before_val_epoch(runner)
    time.sleep(0.05)
    hook.before_val_epoch(runner)
    time.sleep(0.05)
    hook.after_val_epoch(runner, {})
    hook.before_test_epoch(runner)
    time.sleep(0.02)
    hook.after_test_epoch(runner, {})
    with open(tmp_path / COMPUTE_TIME_FILE) as f:
        times = json.load(f)
    assert 0.05 <= times['first_iter_s'] < 0.1
    assert 0.1 <= times['train_s'] < 0.2
    assert 0.1 <= times['val_s'] < 0.2
    assert 0.02 <= times['test_s'] < 0.1
    assert (times['train_epochs'], times['val_epochs']) == (1, 1)
    assert times['train_iters'] == 2
    assert times['before_run_at'] <= time.time()
