"""The SFTN study pipeline: stage plan, skip, resume, tables and plots."""
import glob
import json
import os
import os.path as osp
import subprocess
import sys
import time

import pytest

from conftest import REPO, TINY_DATA, tool_env
from mmengine.config import Config

from mmrazor_sftkd.pipeline import Study
from mmrazor_sftkd.pipeline.tool_process import ToolProcess, can_fork_tools
from mmrazor_sftkd.utils import ConfigError

SMALL = ['model.backbone.arch=resnet8']
DISTILL = ['model.architecture.backbone.arch=resnet8',
           'model.teacher.backbone.arch=resnet8']
TINY = dict(
    seeds=[0],
    cfg_options=TINY_DATA + ['train_cfg.max_epochs=1'],
    stages=dict(
        student=dict(config='configs/teachers/resnet20_digits.py',
                     options=SMALL),
        teacher=dict(config='configs/teachers/resnet56_digits.py',
                     options=SMALL),
        sftn=dict(config='configs/sftkd/sftn_resnet56_resnet20_digits.py',
                  options=['model.architecture.backbone.arch=resnet8',
                           'model.student.backbone.arch=resnet8']),
        kd_std=dict(config='configs/distill/kd_resnet56_resnet20_digits.py',
                    options=DISTILL, inputs={'model.teacher_ckpt': 'teacher'}),
        kd_sftn=dict(config='configs/distill/kd_resnet56_resnet20_digits.py',
                     options=DISTILL, inputs={'model.teacher_ckpt': 'sftn'}),
    ),
    compare=[('kd_sftn', 'kd_std')],
    follow=[('kd_std', 'teacher'), ('kd_sftn', 'sftn')],
)


def test_plan_and_commands(tmp_path):
    study = Study(dict(TINY, seeds=[0, 1]), str(tmp_path), echo=None)
    names = [s.name for s in study.stages]
    assert names[:5] == [
        'student_seed0', 'teacher_seed0', 'sftn_seed0', 'kd_std_seed0',
        'kd_sftn_seed0'
    ]
    assert len(names) == 10
    first = study.stages[0]
    assert study.status(first) == 'new'
    config = study.write_config(first)
    resolved = Config.fromfile(config)
    assert resolved.randomness.seed == 0
    assert resolved.model.backbone.arch == 'resnet8'
    assert resolved.train_cfg.max_epochs == 1
    cmd = study.train_command(first, config)
    assert '--resume' not in cmd and config in cmd
    # a stage with checkpoints but no done.json is resumed
    open(osp.join(study.stage_dir(first), 'last_checkpoint'), 'w').close()
    assert study.status(first) == 'interrupted'
    assert '--resume' in study.train_command(first, config)
    # a started stage whose config changed is refused, not silently reused
    changed = Study(dict(TINY, cfg_options=TINY_DATA), str(tmp_path),
                    echo=None)
    with pytest.raises(ConfigError, match='student_seed0: its config '
                       'changed'):
        changed.write_config(changed.stages[0])


def test_data_base_replaces_every_stage_data(tmp_path):
    study = Study(
        dict(TINY, data='configs/_base_/datasets/cifar10_folder_bs64.py'),
        str(tmp_path), echo=None)
    resolved = study.resolve(study.stages[2])  # SFTN
    assert resolved.train_dataloader.dataset.type == \
        'mmpretrain.StratifiedHoldoutDataset'
    assert resolved.test_dataloader.dataset.data_prefix == 'test'
    assert resolved.data_preprocessor.to_rgb is True


def test_bad_pipeline_config(tmp_path):
    with pytest.raises(ConfigError, match="'stages' is missing"):
        Study({k: v for k, v in TINY.items() if k != 'stages'},
              str(tmp_path))
    with pytest.raises(ConfigError, match='does not exist'):
        Study(dict(TINY, stages=dict(a=dict(config='configs/nope.py'))),
              str(tmp_path))
    with pytest.raises(ConfigError, match='unknown keys'):
        Study(dict(TINY, stage_options=dict()), str(tmp_path))
    late = dict(TINY['stages'])
    late = dict(kd_std=late['kd_std'], teacher=late['teacher'])
    with pytest.raises(ConfigError, match='not an earlier stage'):
        Study(dict(TINY, stages=late, compare=[], follow=[]), str(tmp_path))
    with pytest.raises(ConfigError, match='pair of stage keys'):
        Study(dict(TINY, compare=[('kd_std', 'nope')]), str(tmp_path))
    with pytest.raises(ConfigError, match='is not key=value'):
        Study(dict(TINY, cfg_options=['train_cfg']), str(tmp_path))


def test_only_runs_the_chosen_stages_and_their_inputs(tmp_path):
    study = Study(TINY, str(tmp_path), echo=None, only=['kd_sftn'])
    assert [s.name for s in study.stages] == ['sftn_seed0', 'kd_sftn_seed0']
    # the pipeline's own ``only`` is the default; pairs outside it are not
    # reported
    study = Study(dict(TINY, only=['kd_std', 'student']), str(tmp_path),
                  echo=None)
    assert study.keys == ['student', 'teacher', 'kd_std']
    with pytest.raises(ConfigError, match=r"no stages \['kd'\]"):
        Study(TINY, str(tmp_path), echo=None, only=['kd'])


def test_like_stage_is_a_variant_of_another(tmp_path):
    stages = dict(
        TINY['stages'],
        sftn_kl3=dict(like='sftn',
                      options=['model.loss_branch_kl.loss_weight=3.0']),
        kd_sftn_kl3=dict(like='kd_sftn',
                         inputs={'model.teacher_ckpt': 'sftn_kl3'}))
    study = Study(dict(TINY, stages=stages), str(tmp_path), echo=None)
    variant, default = study.stage('sftn_kl3', 0), study.stage('sftn', 0)
    assert variant.config == default.config
    assert variant.options == default.options + [
        'model.loss_branch_kl.loss_weight=3.0']
    assert study.resolve(variant).model.loss_branch_kl.loss_weight == 3.0
    assert study.resolve(default).model.loss_branch_kl.loss_weight == 1.0
    kd = study.stage('kd_sftn_kl3', 0)
    assert kd.inputs == {'model.teacher_ckpt': 'sftn_kl3'}
    assert kd.options == study.stage('kd_sftn', 0).options
    chained = dict(stages, again=dict(like='sftn_kl3'))
    with pytest.raises(ConfigError, match="not a stage without 'like'"):
        Study(dict(TINY, stages=chained), str(tmp_path), echo=None)


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
    assert '5 stages in ' in out and 'validation epochs took' in out
    with open(osp.join(work_dir, 'kd_std_seed0', 'done.json')) as f:
        seconds = json.load(f)['compute_seconds']
    assert seconds['train_s'] > 0 and seconds['val_s'] > 0
    assert seconds['test_s'] > 0
    for name in ('results.md', 'results.csv', 'val_curves.png',
                 'final_bars.png'):
        assert osp.getsize(osp.join(work_dir, name)) > 0
    table = open(osp.join(work_dir, 'results.md')).read()
    assert '| sftn |' in table and '| kd_sftn - kd_std |' in table
    assert '| kd_sftn vs sftn |' in table
    assert 'not run' not in table

    # everything finished: a second run skips all stages
    again = run_pipeline(str(config), work_dir)
    assert again.count('done, skipped') == 5 and ': starting' not in again

    # an interrupted stage (checkpoints, no done.json) is resumed, alone
    os.remove(osp.join(work_dir, 'kd_sftn_seed0', 'done.json'))
    third = run_pipeline(str(config), work_dir)
    assert third.count('done, skipped') == 4
    assert '[5/5] kd_sftn_seed0: resuming' in third
    log = open(osp.join(work_dir, 'kd_sftn_seed0',
                        'pipeline_stdout.log')).read()
    assert 'resumed epoch: 1' in log

    # stopped after the final checkpoint, before the final validation: the
    # final checkpoint is validated, no earlier figure is recorded
    stage_dir = osp.join(work_dir, 'kd_sftn_seed0')
    with open(osp.join(stage_dir, 'done.json')) as f:
        recorded = json.load(f)['val']
    os.remove(osp.join(stage_dir, 'done.json'))
    for path in glob.glob(osp.join(stage_dir, '*', 'vis_data',
                                   'scalars.json')):
        with open(path) as f:
            lines = [line for line in f if 'accuracy/top1' not in line]
        with open(path, 'w') as f:
            f.writelines(lines)
    fourth = run_pipeline(str(config), work_dir)
    assert 'kd_sftn_seed0: validating epoch_1.pth' in fourth
    with open(osp.join(stage_dir, 'done.json')) as f:
        validated = json.load(f)['val']
    assert validated['step'] == 1
    assert validated['accuracy/top1'] == recorded['accuracy/top1']
    assert validated['teacher.accuracy/top1'] == \
        recorded['teacher.accuracy/top1']


@pytest.mark.parametrize('name', sorted(
    os.listdir(osp.join(REPO, 'configs', 'pipelines'))))
def test_pipeline_configs_plan(name, tmp_path):
    cfg = Config.fromfile(osp.join(REPO, 'configs', 'pipelines', name))
    study = Study(cfg.pipeline.to_dict(), str(tmp_path), echo=None)
    seeds = len(cfg.pipeline.seeds)
    assert seeds >= 3 or name.startswith('search')  # a search: seed 0
    keys = cfg.pipeline.get('only') or cfg.pipeline.stages
    assert set(keys) <= set(study.keys)
    assert len(study.stages) == seeds * len(study.keys)
    for stage in study.stages:
        if not stage.inputs:  # later ones need their inputs' checkpoints
            assert study.resolve(stage).randomness.seed == stage.seed


def test_stage_processes_get_their_share_of_the_cores(tmp_path, monkeypatch):
    seen = []

    class Recorder:
        def __init__(self, cmd, env, **kwargs):
            seen.append(env)

        def poll(self):
            return 0

        def wait(self):
            return 0

    monkeypatch.delenv('OMP_NUM_THREADS', raising=False)
    monkeypatch.setattr(os, 'cpu_count', lambda: 8)
    monkeypatch.setattr(subprocess, 'Popen', Recorder)
    for nproc, threads in ((1, '8'), (2, '4'), (16, '1')):
        study = Study(dict(TINY, nproc=nproc), str(tmp_path), echo=None)
        stage = study.stages[0]
        os.makedirs(study.stage_dir(stage), exist_ok=True)
        study._run(['true'], stage, 'head', 29500, 'log.txt')
        assert seen[-1]['OMP_NUM_THREADS'] == threads
    monkeypatch.setenv('OMP_NUM_THREADS', '3')  # the user's choice wins
    study._run(['true'], stage, 'head', 29500, 'log.txt')
    assert seen[-1]['OMP_NUM_THREADS'] == '3'


TOOL = """
import os, sys, torch
print('args', sys.argv[1:], os.getcwd(), os.environ['MARK'],
      torch.get_num_threads(), flush=True)
if sys.argv[1] == 'exit':
    sys.exit(int(sys.argv[2]))
if sys.argv[1] == 'raise':
    raise ValueError('broken tool')
if sys.argv[1] == 'kill':
    os.kill(os.getpid(), 9)
print('done')
"""


@pytest.mark.skipif(not can_fork_tools(), reason='no forkserver here')
def test_forked_tools_run_as_their_own_processes(tmp_path):
    """A tool forked from the preloaded server gets its arguments, working
    directory, environment and thread count; its exit status, exception
    or kill is its own, and its output lands in the log."""
    script = tmp_path / 'tool.py'
    script.write_text(TOOL)
    log = str(tmp_path / 'log.txt')
    env = dict(os.environ, MARK='marked', OMP_NUM_THREADS='1')

    def run(*args):
        process = ToolProcess([sys.executable, str(script), *args],
                              str(tmp_path), env, log)
        lines = list(process.lines())
        return process.wait(), lines

    code, lines = run('fine', 'a b')
    assert code == 0
    assert lines == [
        f"args ['fine', 'a b'] {tmp_path} marked 1\n", 'done\n']
    env['OMP_NUM_THREADS'] = '2'
    code, lines = run('exit', '3')
    assert code == 3 and lines[0].endswith(' marked 2\n')
    code, lines = run('raise')
    assert code == 1 and lines[-1] == 'ValueError: broken tool\n'
    code, lines = run('kill')
    assert code == -9
    with open(log) as f:  # appended, run after run
        assert f.read().count('args [') == 4


def test_other_commands_run_as_subprocesses_through_the_log(tmp_path):
    """A shell launcher (dist_train.sh) is not forked: its output, stdout
    and stderr, is appended to the log and followed like a forked tool's."""
    log = str(tmp_path / 'log.txt')
    script = 'echo a; sleep 0.5; echo b >&2; printf c; exit 3'
    process = ToolProcess(['bash', '-c', script], str(tmp_path),
                          dict(os.environ), log)
    assert process.process is None
    assert list(process.lines()) == ['a\n', 'b\n', 'c']
    assert process.wait() == 3
    process = ToolProcess(['bash', '-c', 'echo again'], str(tmp_path),
                          dict(os.environ), log)
    assert list(process.lines()) == ['again\n'] and process.wait() == 0
    with open(log) as f:
        assert f.read() == 'a\nb\ncagain\n'


def test_a_stage_is_run_by_one_runner_at_a_time(tmp_path):
    lines = []
    study = Study(TINY, str(tmp_path), echo=lines.append)
    study.LOCK_POLL_SECONDS = 0.05
    stage = study.stages[0]
    lock = osp.join(study.stage_dir(stage), 'running.pid')
    # a live runner (another process, not our child) holds it: wait until
    # it is gone
    other = int(subprocess.run(['sh', '-c', 'sleep 1.5 >/dev/null & echo $!'],
                               capture_output=True, text=True).stdout)
    os.makedirs(study.stage_dir(stage))
    with open(lock, 'w') as f:
        f.write(str(other))
    start = time.time()
    with study._claim(stage, 'head'):
        waited = time.time() - start
        with open(lock) as f:
            assert int(f.read()) == os.getpid()
    assert waited > 1.0
    assert lines == [f'head: run by another runner (pid {other}), waiting']
    assert not osp.exists(lock)  # released
    # a claim left by a dead runner is taken over at once
    with open(lock, 'w') as f:
        f.write(str(other))
    start = time.time()
    with study._claim(stage, 'head'):
        assert time.time() - start < 1.0
    assert len(lines) == 1


@pytest.mark.slow
def test_pipeline_runs_from_another_directory(tmp_path):
    """Config paths resolve relative to the pipeline config (or this
    package's configs/), and everything lands in one work dir under the
    working directory."""
    (tmp_path / 'mine').mkdir()
    (tmp_path / 'mine' / 'my_student.py').write_text(
        "_base_ = ['{}']\n".format(
            osp.join(REPO, 'configs', 'teachers', 'resnet20_digits.py')))
    stages = dict(
        mine=dict(config='my_student.py', options=SMALL),
        theirs=dict(config='configs/teachers/resnet56_digits.py',
                    options=SMALL))
    config = tmp_path / 'mine' / 'tiny_pipeline.py'
    config.write_text('pipeline = {!r}\n'.format(
        dict(seeds=[0], cfg_options=TINY['cfg_options'], stages=stages)))
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'run_pipeline.py'),
         str(config)], capture_output=True, text=True, cwd=elsewhere,
        env=tool_env(), timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + \
        result.stderr[-3000:]
    work_dir = elsewhere / 'work_dirs' / 'tiny_pipeline'
    for stage in ('mine_seed0', 'theirs_seed0'):
        assert (work_dir / stage / 'done.json').is_file()
    assert (work_dir / 'results.md').is_file()
    assert sorted(os.listdir(elsewhere)) == ['work_dirs']


def test_tables_of_validation_or_test_figures(tmp_path):
    from mmrazor_sftkd.pipeline import summarise, write_tables
    study = Study(dict(TINY, seeds=[0, 1], follow=[]), str(tmp_path),
                  echo=None)
    figures = {('kd_std', 0): (60.0, 70.0), ('kd_std', 1): (61.0, 72.0),
               ('kd_sftn', 0): (62.0, 69.0), ('kd_sftn', 1): (64.0, 70.0)}
    for (key, seed), (val, test) in figures.items():
        folder = study.stage_dir(study.stage(key, seed))
        os.makedirs(osp.join(folder, 'run', 'vis_data'))
        with open(osp.join(folder, 'run', 'vis_data', 'scalars.json'),
                  'w') as f:
            for epoch, kl in ((1, 9.0), (2, 2.0), (2, 4.0)):
                f.write(json.dumps(dict(epoch=epoch, loss=kl + 1,
                                        **{'distill.loss_kl': kl})) + '\n')
            f.write(json.dumps({'accuracy/top1': val, 'step': 2}) + '\n')
        with open(osp.join(folder, 'done.json'), 'w') as f:
            json.dump(dict(val={'accuracy/top1': val},
                           test={'accuracy/top1': test},
                           train_seconds=10.0, test_seconds=1.0), f)
    test = summarise(study)
    val = summarise(study, 'val')
    assert test['differences'][0]['per_seed'] == {0: -1.0, 1: -2.0}
    assert val['differences'][0]['per_seed'] == {0: 2.0, 1: 3.0}
    kd_std = [row for row in val['stages'] if row['name'] == 'kd_std'][0]
    assert kd_std['mean'] == 60.5 and 'val' not in kd_std
    md = write_tables(val, [0, 1], str(tmp_path))[0]
    text = open(md).read()
    assert '| stage | validation top-1 (mean ± std) | per seed (0 / 1) | ' \
        'train s (mean) |' in text
    assert '72.00' not in text and '| kd_sftn - kd_std | 2.50 ± 0.71 |' \
        in text
    md = write_tables(test, [0, 1], str(tmp_path))[0]
    text = open(md).read()
    assert '| kd_sftn - kd_std | -1.50 ± 0.71 |' in text
    # the final epoch's mean of each loss term, of the first seed
    assert '| kd_std | distill.loss_kl 3, loss 4 |' in text
