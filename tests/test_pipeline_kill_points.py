"""The study runner, killed at each point, records what an unbroken run does.

Stages are killed with SIGKILL (tests/sigkill_hook.py) mid-epoch and after
the final checkpoint but before its validation; the runner itself is
stopped while it writes its tables. Work dirs have a space and a non-ASCII
character in their names.
"""
import json
import os
import os.path as osp
import subprocess
import sys

import pytest
import torch

from conftest import REPO, TINY_DATA, tool_env
from mmrazor_sftkd.compat import load_weights_only

TESTS = osp.dirname(osp.abspath(__file__))
KILLS = {
    'mid-epoch': dict(epoch=2, iteration=3),
    'after the last checkpoint': dict(epoch=2, priority='LOWEST'),
}


def pipeline_config(tmp_path, kill, marker):
    hook = dict(type='mmrazor.SigkillOnceHook', marker=str(marker), **kill)
    options = TINY_DATA + [
        'train_cfg.max_epochs=2', 'model.backbone.arch=resnet8',
        'randomness.deterministic=True',
        "custom_imports.imports=['mmrazor_sftkd','sigkill_hook']",
        'custom_hooks=[dict({})]'.format(','.join(
            f'{key}={value!r}' for key, value in hook.items()))
    ]
    pipeline = dict(seeds=[0], cfg_options=options, stages=dict(
        student=dict(config='configs/teachers/resnet20_digits.py')))
    path = tmp_path / 'kill_pipeline.py'
    path.write_text(f'pipeline = {pipeline!r}\n')
    return path


def run_pipeline(config, work_dir):
    return subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'run_pipeline.py'),
         str(config), '--work-dir', str(work_dir)],
        capture_output=True, text=True, cwd=REPO,
        env=tool_env(extra_path=[TESTS]), timeout=900)


def outcome(work_dir):
    stage = osp.join(work_dir, 'student_seed0')
    with open(osp.join(stage, 'done.json')) as f:
        done = json.load(f)
    weights = load_weights_only(osp.join(stage, 'epoch_2.pth'),
                                'cpu')['state_dict']
    return done['val'], done['test'], weights


@pytest.fixture(scope='module')
def reference(tmp_path_factory):
    """The same stage, never killed: its marker exists from the start."""
    root = tmp_path_factory.mktemp('reference')
    marker = root / 'killed'
    marker.touch()
    config = pipeline_config(root, KILLS['mid-epoch'], marker)
    work_dir = root / 'a study é'
    result = run_pipeline(config, work_dir)
    assert result.returncode == 0, result.stdout[-3000:] + \
        result.stderr[-3000:]
    return work_dir, config


@pytest.mark.parametrize('point', list(KILLS))
def test_a_killed_stage_is_resumed_to_the_unbroken_result(
        point, reference, tmp_path):
    reference, _ = reference
    marker = tmp_path / 'killed'
    config = pipeline_config(tmp_path, KILLS[point], marker)
    work_dir = tmp_path / 'my study é'
    first = run_pipeline(config, work_dir)
    assert marker.exists()
    assert first.returncode != 0
    assert 'student_seed0 failed with exit code' in first.stderr
    assert not (work_dir / 'student_seed0' / 'done.json').exists()

    second = run_pipeline(config, work_dir)
    assert second.returncode == 0, second.stdout[-3000:] + \
        second.stderr[-3000:]
    assert 'student_seed0: resuming' in second.stdout
    if point == 'after the last checkpoint':  # ExactResumeHook's doing
        log = (work_dir / 'student_seed0' / 'pipeline_stdout.log').read_text()
        assert 'Validating epoch 2 again' in log

    val, test, weights = outcome(work_dir)
    ref_val, ref_test, ref_weights = outcome(reference)
    assert val['step'] == 2
    assert val['accuracy/top1'] == ref_val['accuracy/top1']
    assert test['accuracy/top1'] == ref_test['accuracy/top1']
    assert weights.keys() == ref_weights.keys()
    assert all(torch.equal(weights[k], ref_weights[k]) for k in weights)


def test_stopped_while_writing_tables_or_done_json(reference, monkeypatch):
    """A write cut short leaves the file before it, whole, and no debris."""
    reference, _ = reference
    from mmrazor_sftkd.pipeline.results import write_tables
    files = ['results.md', 'results.csv', 'student_seed0/done.json']
    before = {name: (reference / name).read_bytes() for name in files}
    real_replace = os.replace

    def stopped(source, target):
        raise KeyboardInterrupt(f'stopped while writing {target}')

    monkeypatch.setattr(os, 'replace', stopped)
    with pytest.raises(KeyboardInterrupt):
        write_tables(dict(stages=[], differences=[], following=[]), [0],
                     str(reference))
    from mmengine import fileio
    with pytest.raises(KeyboardInterrupt):
        fileio.put(b'{}', str(reference / 'student_seed0' / 'done.json'))
    monkeypatch.setattr(os, 'replace', real_replace)
    for name in files:
        assert (reference / name).read_bytes() == before[name], name
    debris = [p for p in reference.rglob('*.tmp')]
    assert not debris, debris


def test_final_validation_of_a_checkpoint_without_random_state(reference):
    """A stage stopped before its final validation, with a checkpoint that
    ExactResumeHook cannot resume from (no random state), is validated by
    the runner: the figure is the final epoch's, as in the unbroken run.
    Runs last: it changes the reference study."""
    import glob
    work_dir, config = reference
    ref_val, ref_test, _ = outcome(work_dir)
    stage = work_dir / 'student_seed0'
    (stage / 'done.json').unlink()
    checkpoint = load_weights_only(str(stage / 'epoch_2.pth'), 'cpu')
    del checkpoint['random_state']
    torch.save(checkpoint, stage / 'epoch_2.pth')
    for path in glob.glob(str(stage / '*' / 'vis_data' / 'scalars.json')):
        with open(path) as f:
            kept = [line for line in f if '"step": 2' not in line
                    or 'accuracy/top1' not in line]
        with open(path, 'w') as f:
            f.writelines(kept)
    result = run_pipeline(config, work_dir)
    assert result.returncode == 0, result.stdout[-3000:] + \
        result.stderr[-3000:]
    assert 'validating epoch_2.pth' in result.stdout
    val, test, _ = outcome(work_dir)
    assert val['step'] == 2
    assert val['accuracy/top1'] == ref_val['accuracy/top1']
    assert test['accuracy/top1'] == ref_test['accuracy/top1']
