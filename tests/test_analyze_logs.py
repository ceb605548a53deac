"""tools/analyze_logs.py reads scalars.json of every run in a work_dir."""
import json
import os.path as osp
import subprocess
import sys

from conftest import REPO, tool_env


def test_plots_every_term_and_metric(tmp_path):
    for run, steps in (('20260101_000000', (1, 2)), ('20260101_010000',
                                                     (3, ))):
        vis = tmp_path / run / 'vis_data'
        vis.mkdir(parents=True)
        with open(vis / 'scalars.json', 'w') as f:
            for step in steps:
                f.write(json.dumps({'step': step * 10, 'loss': 1.0 / step,
                                    'teacher.loss_ce': 0.5 / step,
                                    'branch1.loss_kl': 0.1 / step}) + '\n')
                f.write(json.dumps({'step': step, 'accuracy/top1': 10.0 * step,
                                    'branch1.accuracy/top1': 5.0 * step}) +
                        '\n')
    result = subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'analyze_logs.py'),
         str(tmp_path)], capture_output=True, text=True, env=tool_env())
    assert result.returncode == 0, result.stderr
    assert 'loss terms: branch1.loss_kl, loss, teacher.loss_ce' in \
        result.stdout
    assert 'metrics: accuracy/top1, branch1.accuracy/top1' in result.stdout
    for name in ('loss_terms.png', 'val_metrics.png'):
        assert osp.getsize(tmp_path / name) > 1000


def test_empty_work_dir_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'analyze_logs.py'),
         str(tmp_path)], capture_output=True, text=True, env=tool_env())
    assert result.returncode == 1
    assert 'no vis_data/scalars.json' in result.stderr
