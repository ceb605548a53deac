"""The CIFAR-10 study machinery end to end on a tiny subset of real images.

Uses the development copy of CIFAR-10 as JPEG files (``../shared/data``,
present on the developers' machines and in CI, never needed by users).
"""
import os
import os.path as osp
import subprocess
import sys
import tarfile

import pytest
import torch
from mmengine.config import Config

from conftest import REPO, tool_env
from mmrazor_sftkd.datasets import StratifiedHoldoutDataset
from mmrazor_sftkd.utils import ConfigError

ARCHIVE = osp.join(osp.dirname(REPO), 'shared', 'data', 'cifar10_jpeg.tar.gz')
needs_archive = pytest.mark.skipif(
    not osp.isfile(ARCHIVE), reason=f'{ARCHIVE} is not here')


def extract(root, train_per_class, test_per_class):
    """The first images of every class of both splits, into ``root``."""
    quota = {'train': train_per_class, 'test': test_per_class}
    taken = {}
    with tarfile.open(ARCHIVE) as archive:
        for member in archive:
            parts = member.name.split('/')
            if not member.isfile() or len(parts) < 3 or \
                    parts[-3] not in quota:
                continue
            key = (parts[-3], parts[-2])
            if taken.get(key, 0) >= quota[parts[-3]]:
                continue
            taken[key] = taken.get(key, 0) + 1
            target = osp.join(root, parts[-3], parts[-2], parts[-1])
            os.makedirs(osp.dirname(target), exist_ok=True)
            with archive.extractfile(member) as src, open(target, 'wb') as dst:
                dst.write(src.read())
    return taken


@needs_archive
def test_holdout_split_is_stratified_disjoint_and_deterministic(tmp_path):
    extract(str(tmp_path), 12, 0)
    kwargs = dict(data_root=str(tmp_path), data_prefix='train',
                  holdout_per_class=3, lazy_init=False)
    train = StratifiedHoldoutDataset(part='train', **kwargs)
    holdout = StratifiedHoldoutDataset(part='holdout', **kwargs)
    assert len(train) == 90 and len(holdout) == 30
    paths = lambda d: {d.get_data_info(i)['img_path'] for i in range(len(d))}
    assert not paths(train) & paths(holdout)
    labels = [holdout.get_data_info(i)['gt_label'] for i in range(30)]
    assert sorted(labels) == sorted(list(range(10)) * 3)
    again = StratifiedHoldoutDataset(part='holdout', **kwargs)
    assert paths(again) == paths(holdout)
    other = StratifiedHoldoutDataset(part='holdout', split_seed=1, **kwargs)
    assert paths(other) != paths(holdout)
    small = StratifiedHoldoutDataset(part='train', train_per_class=4, **kwargs)
    assert len(small) == 40 and paths(small) < paths(train)
    with pytest.raises(ConfigError, match='not more than holdout_per_class'):
        StratifiedHoldoutDataset(part='train', **dict(
            kwargs, holdout_per_class=12))


@pytest.mark.slow
@needs_archive
def test_study_runs_every_method_and_reports(tmp_path):
    data = str(tmp_path / 'cifar10')
    extract(data, 30, 10)
    cfg = Config.fromfile(
        osp.join(REPO, 'configs', 'pipelines', 'study_cifar10.py'))
    pipeline = cfg.pipeline.to_dict()
    pipeline['seeds'] = [0]
    pipeline['cfg_options'] = [
        option for option in pipeline['cfg_options']
        if 'data_root' not in option and 'per_class' not in option
        and 'max_epochs' not in option
    ] + [
        'train_cfg.max_epochs=1',
        'default_hooks.logger.interval=1',
        'train_dataloader.dataset.holdout_per_class=10',
        'val_dataloader.dataset.holdout_per_class=10',
        'train_dataloader.batch_size=32',
    ] + [f'{loader}.dataset.data_root={data}'
         for loader in ('train_dataloader', 'val_dataloader',
                        'test_dataloader')]
    config = tmp_path / 'tiny_study.py'
    config.write_text(f'pipeline = {pipeline!r}\n')
    work_dir = str(tmp_path / 'study')

    def run():
        result = subprocess.run(
            [sys.executable, osp.join(REPO, 'tools', 'run_pipeline.py'),
             str(config), '--work-dir', work_dir],
            capture_output=True, text=True, cwd=REPO, env=tool_env(),
            timeout=1500)
        assert result.returncode == 0, \
            result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    out = run()
    stages = list(pipeline['stages'])
    assert out.count(': starting') == len(stages) == 12
    table = open(osp.join(work_dir, 'results.md')).read()
    for key in stages:
        assert f'| {key} |' in table
    for a, b in pipeline['compare']:
        assert f'| {a} - {b} |' in table
    for student, teacher in pipeline['follow']:
        assert f'| {student} vs {teacher} |' in table
    assert 'not run' not in table
    for name in ('results.csv', 'val_curves.png', 'final_bars.png'):
        assert osp.getsize(osp.join(work_dir, name)) > 0
    # every stage was tested on the 100 test images
    for key in stages:
        scores = torch.load(
            osp.join(work_dir, f'{key}_seed0', 'test', 'scores.pth'),
            weights_only=True)
        assert scores['pred_score'].shape == (100, 10), key
        assert scores['gt_label'].tolist() == sorted(
            scores['gt_label'].tolist()), key  # the test folder's order

    # a second run skips every finished stage
    again = run()
    assert again.count('done, skipped') == 12 and ': starting' not in again
