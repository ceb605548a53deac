"""Smoke run of the step benchmark (the figures are in docs/benchmark.md)."""
import re
import subprocess
import sys

import pytest

from conftest import REPO, read_scalars, run_tool, tool_env


@pytest.mark.slow
def test_benchmark_smoke():
    result = subprocess.run(
        [sys.executable, 'tools/benchmark_step.py', '--rounds', '1',
         '--iters', '2', '--warmup', '1', '--batch', '4', '--in1k-size',
         '64', '--in1k-batch', '2'],
        capture_output=True, text=True, cwd=REPO, env=tool_env(),
        timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for row in ('a. plain teacher', 'b. SFTN (mmengine)',
                'c. SFTN (pure PyTorch)', 'd. stock MMRazor KD',
                'g. R34 plain teacher', 'h. SFTN R34->R18 (mmengine)',
                'i. SFTN R34->R18 (pure PyTorch)'):
        line = next(line for line in out.splitlines()
                    if line.startswith(f'| {row} |'))
        mean = float(line.split('|')[2].split('±')[0])
        assert mean > 0
    for name in ('b/c', 'h/i'):
        ratio = re.search(name + r' = ([0-9.]+)', out)
        assert ratio and float(ratio.group(1)) > 0
    # the table, not thousands of lines of init logs (those need --verbose)
    printed = (out + result.stderr).strip().splitlines()
    assert len(printed) < 30, '\n'.join(printed[:50])


@pytest.mark.slow
def test_plain_yardstick_trains_the_same_kd_recipe(tmp_path):
    """tools/plain_digits_train.py, the yardstick of benchmark_run.py, starts
    from the same weights and data as tools/train.py: the same first loss
    and the same number of steps an epoch."""
    teacher = tmp_path / 'teacher'
    run_tool('train.py', 'configs/teachers/resnet56_digits.py', '--work-dir',
             teacher, '--cfg-options', 'train_cfg.max_epochs=1',
             'train_dataloader.dataset.indices=64')
    checkpoint = str(teacher / 'epoch_1.pth')
    framework = tmp_path / 'framework'
    run_tool('train.py', 'configs/distill/kd_resnet56_resnet20_digits.py',
             '--work-dir', framework, '--cfg-options',
             'train_cfg.max_epochs=1', 'randomness.seed=0',
             'default_hooks.logger.interval=1',
             f'model.teacher_ckpt={checkpoint}')
    plain = run_tool('plain_digits_train.py', 'kd', '--work-dir',
                     tmp_path / 'plain', '--epochs', '1', '--seed', '0',
                     '--teacher-ckpt', checkpoint).stdout
    records = [r for r in read_scalars(str(framework)) if 'loss' in r]
    first = re.search(r'iters=(\d+) first_loss=([0-9.]+)', plain)
    assert first, plain[-2000:]
    assert int(first.group(1)) == len(records) == 18
    assert abs(float(first.group(2)) - records[0]['loss']) < 1e-3
