"""The SFTN study pipeline: stage plan, skip, resume, tables and plots."""
import os
import os.path as osp
import subprocess
import sys

import pytest

from conftest import REPO, TINY_DATA, tool_env
from mmrazor_sftkd.pipeline import SFTNStudy
from mmrazor_sftkd.utils import ConfigError

TINY = dict(
    seeds=[0],
    student='configs/teachers/resnet20_digits.py',
    teacher='configs/teachers/resnet56_digits.py',
    sftn='configs/sftkd/sftn_resnet56_resnet20_digits.py',
    distill=dict(kd='configs/distill/kd_resnet56_resnet20_digits.py'),
    cfg_options=TINY_DATA + ['train_cfg.max_epochs=1'],
    stage_options=dict(
        student=['model.backbone.arch=resnet8'],
        teacher=['model.backbone.arch=resnet8'],
        sftn=['model.architecture.backbone.arch=resnet8',
              'model.student.backbone.arch=resnet8'],
        distill=['model.architecture.backbone.arch=resnet8',
                 'model.teacher.backbone.arch=resnet8']),
)


def test_plan_and_commands(tmp_path):
    study = SFTNStudy(dict(TINY, seeds=[0, 1]), str(tmp_path), echo=None)
    names = [s.name for s in study.stages]
    assert names[:5] == [
        'student_seed0', 'teacher_seed0', 'sftn_seed0',
        'kd_from_teacher_seed0', 'kd_from_sftn_seed0'
    ]
    assert len(names) == 10
    first = study.stages[0]
    assert study.status(first) == 'new'
    cmd = study.command(first)
    assert '--resume' not in cmd and 'randomness.seed=0' in cmd
    assert 'model.backbone.arch=resnet8' in cmd
    # a stage with checkpoints but no done.json is resumed
    os.makedirs(study.stage_dir(first))
    open(osp.join(study.stage_dir(first), 'last_checkpoint'), 'w').close()
    assert study.status(first) == 'interrupted'
    assert '--resume' in study.command(first)


def test_bad_pipeline_config(tmp_path):
    with pytest.raises(ConfigError, match="missing 'sftn'"):
        SFTNStudy({k: v for k, v in TINY.items() if k != 'sftn'},
                  str(tmp_path))
    with pytest.raises(ConfigError, match='does not exist'):
        SFTNStudy(dict(TINY, teacher='configs/nope.py'), str(tmp_path))
    with pytest.raises(ConfigError, match='unknown kinds'):
        SFTNStudy(dict(TINY, stage_options=dict(expert=[])), str(tmp_path))


def run_pipeline(config, work_dir):
    result = subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'run_pipeline.py'), config,
         '--work-dir', work_dir],
        capture_output=True, text=True, cwd=REPO, env=tool_env(),
        timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.mark.slow
def test_pipeline_runs_skips_and_resumes(tmp_path):
    config = tmp_path / 'tiny_pipeline.py'
    config.write_text(f'pipeline = {TINY!r}\n')
    work_dir = str(tmp_path / 'study')
    out = run_pipeline(str(config), work_dir)
    assert out.count(': starting') == 5
    assert 'stage eta' in out
    for name in ('results.md', 'results.csv', 'val_curves.png',
                 'final_bars.png'):
        assert osp.getsize(osp.join(work_dir, name)) > 0
    table = open(osp.join(work_dir, 'results.md')).read()
    assert 'SFTN teacher' in table and 'student by kd' in table
    assert 'not run' not in table

    # everything finished: a second run skips all stages
    again = run_pipeline(str(config), work_dir)
    assert again.count('done, skipped') == 5 and ': starting' not in again

    # an interrupted stage (checkpoints, no done.json) is resumed, alone
    os.remove(osp.join(work_dir, 'kd_from_sftn_seed0', 'done.json'))
    third = run_pipeline(str(config), work_dir)
    assert third.count('done, skipped') == 4
    assert '[5/5] kd_from_sftn_seed0: resuming' in third
    log = open(osp.join(work_dir, 'kd_from_sftn_seed0',
                        'pipeline_stdout.log')).read()
    assert 'resumed epoch: 1' in log


@pytest.mark.parametrize('name', sorted(
    os.listdir(osp.join(REPO, 'configs', 'pipelines'))))
def test_pipeline_configs_plan(name, tmp_path):
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(REPO, 'configs', 'pipelines', name))
    study = SFTNStudy(cfg.pipeline.to_dict(), str(tmp_path), echo=None)
    seeds = len(cfg.pipeline.seeds)
    assert seeds >= 3
    assert len(study.stages) == seeds * (3 + 2 * len(cfg.pipeline.distill))
    assert '--cfg-options' in study.command(study.stages[0])
