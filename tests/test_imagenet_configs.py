"""ImageNet-scale configs: MMPretrain's bases drop in, everything builds.

The configs inherit MMPretrain's own ImageNet dataset, schedule and runtime
bases and its ResNet model configs (``cfg_path``), with MMRazor's scope
convention. No ImageNet data is needed to build them; the end-to-end test
runs the same pipeline on a folder of real digit images read by
MMPretrain's ``CustomDataset``.
"""
import copy
import glob
import os
import os.path as osp

import mmrazor_sftkd  # noqa: F401  (patches mmrazor before it is imported)
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import Compose
from mmengine.registry import HOOKS, LOOPS, MODELS, init_default_scope
from PIL import Image

from conftest import REPO, run_tool, val_records

CONFIGS = sorted(
    osp.relpath(p, REPO)
    for p in glob.glob(osp.join(REPO, 'configs', '**', '*_in1k*.py'),
                       recursive=True) if '_base_' not in p)


def write_digit_folder(root, per_class, split, start=0):
    """Digits (scikit-learn) as 64x64 JPEG files, one folder per class."""
    from sklearn.datasets import load_digits
    digits = load_digits()
    for label in range(10):
        folder = osp.join(root, split, f'class{label}')
        os.makedirs(folder, exist_ok=True)
        images = digits.images[digits.target == label]
        for i in range(start, start + per_class):
            grey = (images[i] * 255 / 16).astype(np.uint8)
            Image.fromarray(grey).convert('RGB').resize((64, 64)).save(
                osp.join(folder, f'{i}.jpg'))


def test_every_model_and_method_has_an_imagenet_config():
    names = [osp.basename(p) for p in CONFIGS]
    for expected in ('sftn_resnet34_resnet18_in1k.py',
                     'sftn_finetune_resnet34_resnet18_in1k.py',
                     'kd_resnet34_resnet18_in1k_std.py',
                     'kd_resnet34_resnet18_in1k_sftn.py',
                     'at_resnet34_resnet18_in1k_std.py',
                     'at_resnet34_resnet18_in1k_sftn.py',
                     'fitnets_resnet34_resnet18_in1k_std.py',
                     'fitnets_resnet34_resnet18_in1k_sftn.py',
                     'ctkd_resnet34_resnet34_resnet18_in1k.py',
                     'ae_resnet34_in1k.py',
                     'iekd_resnet34_resnet18_in1k.py'):
        assert expected in names


@pytest.mark.parametrize('path', CONFIGS)
def test_config_builds_pipeline_loops_and_model_without_data(
        path, tmp_path):
    cfg = Config.fromfile(osp.join(REPO, path))
    # MMRazor's convention: the scope is MMPretrain's
    assert cfg.default_scope == 'mmpretrain'
    init_default_scope(cfg.default_scope)
    write_digit_folder(str(tmp_path), 1, 'img')
    image = sorted(glob.glob(str(tmp_path / 'img' / '*' / '*.jpg')))[0]
    for loader in ('train_dataloader', 'val_dataloader'):
        pipeline = Compose(cfg[loader].dataset.pipeline)
        packed = pipeline(dict(img_path=image, gt_label=0))
        assert packed['inputs'].shape == (3, 224, 224)
    for loop in ('val_cfg', 'test_cfg'):
        if cfg[loop].get('type'):
            assert LOOPS.get(cfg[loop].type) is not None, cfg[loop].type
    for hook in cfg.get('custom_hooks', []):
        assert HOOKS.get(hook.type) is not None, hook.type

    model_cfg = copy.deepcopy(cfg.model)
    model_cfg.setdefault('data_preprocessor', cfg.data_preprocessor)
    if 'teacher_ckpt' in model_cfg:
        model_cfg.teacher_ckpt = None
    model = MODELS.build(model_cfg)
    model.eval()
    with torch.no_grad():
        out = model(torch.zeros(1, 3, 224, 224), mode='tensor')
    logits = out if isinstance(out, torch.Tensor) else out[0]
    assert logits.shape[-1] == 1000


@pytest.mark.slow
def test_sftn_then_kd_through_the_imagenet_pipeline(tmp_path):
    """SFTN R34 -> R18 on real images via CustomDataset, then stage-2 KD."""
    data = tmp_path / 'data'
    write_digit_folder(str(data), 2, 'train')
    write_digit_folder(str(data), 1, 'val', start=2)
    # ImageNet's 1,000 classes, as the heads of MMPretrain's configs have
    # (ClassCountHook refuses a mismatch): 990 of them without images
    for split in ('train', 'val'):
        for index in range(10, 1000):
            (data / split / f'n{index:04d}').mkdir()

    def folder_config(config, name, **model):
        cfg = Config.fromfile(osp.join(REPO, config))
        for loader, split in (('train_dataloader', 'train'),
                              ('val_dataloader', 'val'),
                              ('test_dataloader', 'val')):
            cfg[loader].batch_size = 4
            cfg[loader].num_workers = 0
            cfg[loader].persistent_workers = False
            dataset = cfg[loader].dataset
            cfg[loader].dataset = dict(
                type='CustomDataset',
                data_root=str(data),
                data_prefix=split,
                pipeline=dataset.pipeline)
        cfg.train_cfg.max_epochs = 1
        cfg.default_hooks.logger.interval = 1
        cfg.model.update(model)
        path = str(tmp_path / f'{name}.py')
        cfg.dump(path)
        return path

    sftn_dir = tmp_path / 'sftn'
    run_tool('train.py',
             folder_config('configs/sftkd/sftn_resnet34_resnet18_in1k.py',
                           'sftn'), '--work-dir', sftn_dir)
    records = val_records(str(sftn_dir))
    assert records and 'branch3.accuracy/top1' in records[-1]
    export = sftn_dir / 'epoch_1_teacher.pth'
    assert export.is_file()

    kd_dir = tmp_path / 'kd'
    run_tool('train.py',
             folder_config('configs/distill/kd_resnet34_resnet18_in1k_sftn.py',
                           'kd', teacher_ckpt=str(export)),
             '--work-dir', kd_dir)
    records = val_records(str(kd_dir))
    # the KD run validated the exported teacher: it equals SFTN's figure
    teacher = [r for r in val_records(str(kd_dir), 'teacher.accuracy/top1')]
    sftn = val_records(str(sftn_dir))[-1]['accuracy/top1']
    assert teacher[-1]['teacher.accuracy/top1'] == pytest.approx(sftn)
