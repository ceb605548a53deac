"""Checks run by the tools on a config before a Runner is built.

They turn the most common mistakes into a one-line :class:`ConfigError`
instead of a traceback from deep inside a training run: a checkpoint path
that does not exist, a frozen teacher without one, a dataset root that is
missing and cannot be downloaded, an empty schedule, mixed precision
asked for on a machine without a GPU, and a visualizer backend whose
package is not installed.
"""
import importlib
import os
import os.path as osp
from typing import Iterator, List, Optional, Tuple

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




def check_frozen_networks_have_weights(cfg: Config) -> None:
    """A frozen teacher needs a checkpoint, else it is random.

    MMRazor's distillers accept ``teacher_ckpt=None`` and then distill from
    the randomly initialised teacher without a word. It is allowed on
    purpose only: a trainable teacher, or weights from the network's own
    ``init_cfg`` (e.g. ``Pretrained``).
    """
    model = cfg.get('model') or {}
    if not isinstance(model.get('teacher'), dict) or model.get(
            'teacher_ckpt') or model.get('teacher_trainable', False):
        return
    if (model['teacher'].get('init_cfg') or {}).get('checkpoint'):
        return
    raise ConfigError(
        'model.teacher_ckpt is not set, so the frozen teacher would be '
        'randomly initialised. Set model.teacher_ckpt to its checkpoint, or '
        'model.teacher_trainable=True to train it.')


def check_schedule(cfg: Config) -> None:
    """A training schedule of zero epochs or iterations trains nothing."""
    train_cfg = cfg.get('train_cfg') or {}
    for key in ('max_epochs', 'max_iters'):
        value = train_cfg.get(key)
        if value is not None and (not isinstance(value, int) or value < 1):
            raise ConfigError(f'train_cfg.{key} = {value!r}: it must be a '
                              'positive integer, or there is nothing to '
                              'train.')


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


def _cifar_files(dataset_type: str) -> Optional[List[str]]:
    """The files MMPretrain's CIFAR dataset of this type reads, or None."""
    from mmpretrain.datasets import CIFAR10, CIFAR100
    for cls in (CIFAR100, CIFAR10):  # CIFAR100 subclasses CIFAR10
        if dataset_type.split('.')[-1] == cls.__name__:
            names = [f[0] for f in cls.train_list + cls.test_list]
            names.append(cls.meta['filename'])
            return [osp.join(cls.base_folder, name) for name in names]
    return None


def _missing_data(dataset: dict) -> Optional[str]:
    """What is missing under a local dataset's data_root, or None."""
    root = dataset.get('data_root')
    if not root or not _is_local(root):
        return None
    files = _cifar_files(str(dataset.get('type', '')))
    if files is not None:
        missing = [f for f in files if not osp.isfile(osp.join(root, f))]
        if missing:
            return (f'{len(missing)} of its {len(files)} files are missing '
                    f'(expected: {root}/{osp.dirname(files[0])}/'
                    f"{{{','.join(osp.basename(f) for f in files)}}}, "
                    'the python version of the official archive)')
        return None
    if not osp.isdir(root):
        return 'it does not exist'
    prefix = dataset.get('data_prefix')
    if str(dataset.get('type', '')).split('.')[-1] in _FOLDER_DATASETS and \
            isinstance(prefix, str) and not dataset.get('ann_file'):
        folder = osp.join(root, prefix)
        classes = [d for d in (sorted(os.listdir(folder))
                               if osp.isdir(folder) else [])
                   if osp.isdir(osp.join(folder, d))
                   and os.listdir(osp.join(folder, d))]
        if not classes:
            return (f'{folder} has no class folders with images (expected: '
                    f'{folder}/<class>/<image>, one folder per class)')
    return None


#: Dataset types that read a folder per class when they have no ann_file.
_FOLDER_DATASETS = ('CustomDataset', 'StratifiedHoldoutDataset', 'ImageNet')


def check_data_roots(cfg: Config) -> None:
    """A dataset's files must be under its ``data_root``, or downloadable.

    Checked every time, not only when the folder is missing, so that an
    empty or half-downloaded folder gets the same one line: MMPretrain's
    CIFAR files, or a folder per class for folder datasets. A dataset with
    ``download=True`` whose files are missing is fetched here, once, so
    that a failed download is reported as a config error rather than from
    inside the data loader.
    """
    from mmengine.registry import DATASETS, init_default_scope
    checked = set()
    for where, dataset in _datasets(cfg):
        missing = _missing_data(dataset)
        if missing is None:
            continue
        root = dataset.get('data_root')
        key = (dataset.get('type'), root)
        if key in checked:
            continue
        checked.add(key)
        if dataset.get('download', False):
            init_default_scope(cfg.get('default_scope', 'mmengine'))
            try:
                DATASETS.build(dict(dataset, pipeline=[], lazy_init=False))
            except Exception as error:  # report any failure as config error
                raise ConfigError(
                    f'{where}.data_root = {root!r}: {missing}, and the '
                    f'download failed ({type(error).__name__}: '
                    f'{str(error).splitlines()[0] if str(error) else ""}). '
                    'Put the dataset there by hand, or run again when '
                    'online.') from error
            if _missing_data(dataset) is None:
                continue
        raise ConfigError(
            f'{where}.data_root = {root!r}: {missing}. Put the dataset '
            'there, fix the path (--cfg-options), or set download=True '
            'where the dataset supports it (MMPretrain\'s CIFAR10/CIFAR100 '
            'download when online).')


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


#: VisBackend type -> (the module it imports, the package that provides it)
_VIS_PACKAGES = {
    'TensorboardVisBackend': ('torch.utils.tensorboard', 'tensorboard'),
    'WandbVisBackend': ('wandb', 'wandb'),
}


def check_vis_backends(cfg: Config) -> None:
    """Every visualizer backend is a dict whose package can be imported.

    mmengine imports a backend's package only when the Runner first writes
    to it, after the model and the datasets are built, and then fails with
    a traceback.
    """
    backends = (cfg.get('visualizer') or {}).get('vis_backends') or []
    if isinstance(backends, dict):
        backends = [backends]
    missing = []
    for index, backend in enumerate(backends):
        where = f'visualizer.vis_backends[{index}]'
        if not isinstance(backend, dict):
            raise ConfigError(
                f'{where} = {backend!r}: it must be a dict such as '
                "dict(type='TensorboardVisBackend'); use --vis to add "
                'TensorBoard or W&B.')
        kind = str(backend.get('type', '')).split('.')[-1]
        if kind not in _VIS_PACKAGES:
            continue
        module, package = _VIS_PACKAGES[kind]
        try:
            importlib.import_module(module)
        except ImportError as error:
            reason = str(error).splitlines()[0] if str(error) else ''
            missing.append((f'{where} is {kind}, but {module} cannot be '
                            f'imported ({reason})', package))
    if missing:
        packages = ' '.join(dict.fromkeys(package for _, package in missing))
        raise ConfigError('; '.join(line for line, _ in missing) +
                          f'. Install with: pip install {packages}')


def check_config(cfg: Config, training: bool = True) -> None:
    """Run the preflight checks on ``cfg``; raise :class:`ConfigError`.

    ``training=False`` (``tools/test.py``) skips the schedule and the
    frozen-network checks: the tested checkpoint holds every network.
    """
    check_amp(cfg)
    if training:
        check_schedule(cfg)
        check_frozen_networks_have_weights(cfg)
    check_checkpoint_paths(cfg)
    check_vis_backends(cfg)
    check_data_roots(cfg)
