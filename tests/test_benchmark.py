"""Smoke run of the step benchmark (the figures are in docs/benchmark.md)."""
import re
import subprocess
import sys

import pytest

from conftest import REPO, tool_env


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
