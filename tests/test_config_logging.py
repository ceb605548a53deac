"""Every shipped training config shows progress at least 5 times an epoch."""
import glob
import math
import os.path as osp

import pytest
from mmengine.config import Config

from conftest import REPO

#: Training images of each dataset type the configs use (per process; the
#: ImageNet configs' 8 x 32 batch makes the fewest iterations).
TRAIN_IMAGES = {
    'DigitsDataset': 1149,
    'CIFAR10': 50000,
    'CIFAR100': 50000,
    'StratifiedHoldoutDataset': 45000,
    'ImageNet': 1281167 // 8,
}
CONFIGS = sorted(
    osp.relpath(path, REPO)
    for path in glob.glob(osp.join(REPO, 'configs', '**', '*.py'),
                          recursive=True)
    if '_base_' not in path and 'pipelines' not in path)


@pytest.mark.parametrize('name', CONFIGS)
def test_logs_at_least_five_times_an_epoch(name):
    cfg = Config.fromfile(osp.join(REPO, name))
    if 'train_dataloader' not in cfg:
        pytest.skip('not a training config')
    loader = cfg.train_dataloader
    kind = loader.dataset.type.split('.')[-1]
    assert kind in TRAIN_IMAGES, f'unknown training set {kind}'
    iterations = math.ceil(TRAIN_IMAGES[kind] / loader.batch_size)
    interval = cfg.default_hooks.logger.interval
    assert 5 * interval <= iterations, (
        f'{name}: logs every {interval} of {iterations} iterations an epoch')
