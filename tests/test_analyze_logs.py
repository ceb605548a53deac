"""tools/analyze_logs.py reads scalars.json of every run in a work_dir."""
import importlib.util
import json
import os.path as osp
import subprocess
import sys

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from conftest import REPO, tool_env  # noqa: E402


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


def load_tool():
    spec = importlib.util.spec_from_file_location(
        'analyze_logs', osp.join(REPO, 'tools', 'analyze_logs.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def train_records(keys, steps):
    return [{'step': step, **{k: (i + 1) / step for i, k in enumerate(keys)}}
            for step in range(1, steps + 1)]


@pytest.mark.parametrize('count', [1, 2, 4])
def test_one_loss_panel_per_term_titled_with_the_run(count):
    tool = load_tool()
    keys = [f'net{i}.loss_{i}' for i in range(count)]
    records = train_records(keys, steps=3)
    fig = tool.plot_losses(records, keys, 'my_run')
    try:
        assert len(fig.axes) == count
        assert [ax.get_title() for ax in fig.axes] == keys
        assert 'my_run' in fig.get_suptitle()
        for ax, key in zip(fig.axes, keys):
            (line, ) = ax.get_lines()
            assert list(line.get_ydata()) == [r[key] for r in records]
            assert line.get_marker() not in (None, 'None', '')
        assert fig.axes[-1].get_xlabel() == 'iteration'
    finally:
        plt.close(fig)


def test_markers_only_on_short_curves():
    tool = load_tool()
    markers = []
    for steps in (tool.MARKER_BELOW - 1, tool.MARKER_BELOW):
        fig = tool.plot_losses(train_records(['loss'], steps), ['loss'], 'r')
        markers.append(fig.axes[0].get_lines()[0].get_marker())
        plt.close(fig)
    assert markers[0] not in (None, 'None', '')
    assert markers[1] in (None, 'None', '')


def test_validation_plot_has_the_run_name_and_markers():
    tool = load_tool()
    keys = ['accuracy/top1', 'branch1.accuracy/top1']
    val = [{'step': s, keys[0]: 10.0 * s, keys[1]: 5.0 * s} for s in (1, 2)]
    fig = tool.plot_metrics(val, keys, 'my_run')
    try:
        (ax, ) = fig.axes
        assert 'my_run' in ax.get_title()
        assert [line.get_label() for line in ax.get_lines()] == keys
        assert all(line.get_marker() not in (None, 'None', '')
                   for line in ax.get_lines())
    finally:
        plt.close(fig)


def test_run_name_is_the_work_dir_folder(tmp_path):
    tool = load_tool()
    work_dir = tmp_path / 'kd_resnet56_resnet20_digits'
    assert tool.run_name(f'{work_dir}/') == work_dir.name
    assert tool.run_name(str(work_dir)) == work_dir.name
