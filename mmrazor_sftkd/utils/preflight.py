"""Checks run by the tools on a config before a Runner is built.

They turn the most common mistakes into a one-line :class:`ConfigError`
instead of a traceback from deep inside a training run: a checkpoint path
that does not exist, a dataset root that is missing and cannot be
downloaded, and mixed precision asked for on a machine without a GPU.
"""
import os.path as osp
from typing import Iterator, Tuple

import torch
from mmengine.config import Config

from .exceptions import ConfigError

_DATALOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')
_REMOTE_PREFIXES = ('http://', 'https://', 's3://', 'pavi://',
                    'open-mmlab://', 'openmmlab://', 'torchvision://',
                    'mmcls://', 'mmpretrain://')


def _walk(node, path: str = '') -> Iterator[Tuple[str, str, object]]:
    """Yield (dotted path, key, value) for every key of nested dicts/lists."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f'{path}.{key}' if path else str(key)
            yield here, key, value
            yield from _walk(value, here)
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            yield from _walk(value, f'{path}[{index}]')


def _is_local(path) -> bool:
    return isinstance(path, str) and not path.startswith(_REMOTE_PREFIXES)


def check_checkpoint_paths(cfg: Config) -> None:
    """Every ``*_ckpt`` / pretrained ``checkpoint`` in the model must exist."""
    for where, key, value in _walk(cfg.get('model', {}), 'model'):
        wanted = key.endswith('_ckpt') or (key == 'checkpoint'
                                           and where.endswith('init_cfg.'
                                                              'checkpoint'))
        if wanted and value and _is_local(value) and not osp.isfile(value):
            raise ConfigError(
                f'{where} = {value!r}: no such file. Train the teacher first '
                '(python tools/train.py configs/teachers/...), or point '
                f'{key} at an existing checkpoint.')
    load_from = cfg.get('load_from')
    if load_from and _is_local(load_from) and not osp.isfile(load_from):
        what = 'resume from' if cfg.get('resume') else 'load_from'
        raise ConfigError(f'cannot {what} {load_from!r}: no such file.')


def _datasets(cfg: Config) -> Iterator[Tuple[str, dict]]:
    for name in _DATALOADERS:
        loader = cfg.get(name)
        if not loader or not isinstance(loader.get('dataset'), dict):
            continue
        dataset = loader['dataset']
        yield f'{name}.dataset', dataset
        for where, key, value in _walk(dataset, f'{name}.dataset'):
            if key == 'dataset' and isinstance(value, dict):
                yield where, value


def check_data_roots(cfg: Config) -> None:
    """A dataset's ``data_root`` must exist, or be downloadable now.

    A missing root whose dataset has ``download=True`` is fetched here, once,
    so that a failed download is reported as a config error rather than
    from inside the data loader.
    """
    from mmengine.registry import DATASETS, init_default_scope
    checked = set()
    for where, dataset in _datasets(cfg):
        root = dataset.get('data_root')
        if not root or not _is_local(root) or osp.isdir(root):
            continue
        if dataset.get('download', False):
            key = (dataset.get('type'), root)
            if key in checked:
                continue
            checked.add(key)
            init_default_scope(cfg.get('default_scope', 'mmengine'))
            try:
                DATASETS.build(dict(dataset, pipeline=[], lazy_init=False))
            except Exception as error:  # report any failure as config error
                raise ConfigError(
                    f'{where}.data_root = {root!r} does not exist and the '
                    f'download failed ({type(error).__name__}: {error}). '
                    'Put the dataset there by hand.') from error
        else:
            raise ConfigError(
                f'{where}.data_root = {root!r} does not exist. Put the '
                'dataset there, fix the path (--cfg-options), or set '
                'download=True where the dataset supports it.')


def check_amp(cfg: Config) -> None:
    """Mixed precision through AmpOptimWrapper needs an accelerator."""
    wrapper = cfg.get('optim_wrapper') or {}
    types = {wrapper.get('type')}
    types.update(
        value.get('type') for value in wrapper.values()
        if isinstance(value, dict))
    if 'AmpOptimWrapper' in types and not torch.cuda.is_available():
        raise ConfigError('--amp / AmpOptimWrapper needs a CUDA device; none '
                          'is available on this machine.')


def check_config(cfg: Config) -> None:
    """Run every preflight check on ``cfg``; raise :class:`ConfigError`."""
    check_amp(cfg)
    check_checkpoint_paths(cfg)
    check_data_roots(cfg)
