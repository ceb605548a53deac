"""Refuse a checkpoint that does not fit the network it is loaded into.

mmengine's ``load_checkpoint`` is non-strict for ``load_from`` (and so for
``tools/test.py``) and for MMRazor's ``SingleTeacherDistill(teacher_ckpt=)``:
keys that do not match are logged as a warning and skipped. A checkpoint of
another architecture then trains or tests from random weights and exits 0.
The tools call :func:`check_checkpoints_fit` once the model is built, before
anything is trained or tested (CTKD's expert is MMRazor's teacher, so
this covers it). SFTN's ``teacher_ckpt`` is loaded by SFTN itself, through
:func:`load_fitting_checkpoint`.
"""
import re
from typing import Dict, List, Optional

import torch
from mmengine.config import Config
from mmengine.model import is_model_wrapper
from torch import nn

from .exceptions import ConfigError

#: Keys a checkpoint may lack: BN batch counters, absent from checkpoints
#: written before torch 0.4.1 and unused unless ``momentum=None``.
ALLOWED_MISSING = re.compile(r'(^|\.)num_batches_tracked$')
#: How many key names one message lists.
_SHOWN = 3


def checkpoint_state_dict(path: str) -> Dict[str, torch.Tensor]:
    """The state dict mmengine would load from ``path``, keys revised alike.

    Reads through mmengine's loader (weights-only, see
    :mod:`mmrazor_sftkd.compat`), takes ``state_dict`` when the file is a
    Runner checkpoint, and drops a ``module.`` prefix as
    ``load_checkpoint``'s default ``revise_keys`` does.
    """
    from mmengine.runner.checkpoint import _load_checkpoint
    checkpoint = _load_checkpoint(path, map_location='cpu')
    if not isinstance(checkpoint, dict):
        raise ConfigError(f'checkpoint {path!r} holds a '
                          f'{type(checkpoint).__name__}, not a state dict.')
    state_dict = checkpoint.get('state_dict', checkpoint)
    return {re.sub(r'^module\.', '', key): value
            for key, value in state_dict.items()}


def _listed(keys: List[str]) -> str:
    more = f', ... {len(keys) - _SHOWN} more' if len(keys) > _SHOWN else ''
    return ', '.join(keys[:_SHOWN]) + more


def state_dict_mismatch(module: nn.Module,
                        state_dict: Dict[str, torch.Tensor]) -> str:
    """What stops ``state_dict`` from filling ``module``; '' if nothing.

    Args:
        module (nn.Module): The network to be loaded.
        state_dict (dict): The checkpoint's tensors, keys as loaded.

    Returns:
        str: Missing and unexpected keys and shape mismatches, counted,
        with the first few named; empty if the checkpoint fits.
    """
    own = module.state_dict()
    missing = [key for key in own
               if key not in state_dict and not ALLOWED_MISSING.search(key)]
    unexpected = [key for key in state_dict if key not in own]
    shapes = [
        f'{key} {tuple(value.shape)} in the checkpoint, '
        f'{tuple(own[key].shape)} in the model' for key, value in
        state_dict.items() if key in own and hasattr(value, 'shape')
        and tuple(value.shape) != tuple(own[key].shape)
    ]
    parts = []
    if missing:
        parts.append(f'{len(missing)} of its {len(own)} keys missing '
                     f'({_listed(missing)})')
    if unexpected:
        parts.append(f'{len(unexpected)} unexpected keys '
                     f'({_listed(unexpected)})')
    if shapes:
        parts.append(f'{len(shapes)} shape mismatches ({_listed(shapes)})')
    return '; '.join(parts)


def check_checkpoint_fits(module: nn.Module, path: str, key: str,
                          network: str) -> None:
    """Raise a one-line :class:`ConfigError` unless ``path`` fits ``module``.

    Args:
        module (nn.Module): The network the checkpoint is loaded into.
        path (str): The checkpoint.
        key (str): The config key or argument that names it, for the message.
        network (str): What ``module`` is, for the message.
    """
    _raise_unless_fits(module, checkpoint_state_dict(path), path, key,
                       network, can_opt_out=True)


def _raise_unless_fits(module: nn.Module, state_dict: Dict[str,
                                                            torch.Tensor],
                       path: str, key: str, network: str,
                       can_opt_out: bool) -> None:
    problem = state_dict_mismatch(module, state_dict)
    if problem:
        opt_out = (', or set allow_partial_checkpoints = True to load only '
                   'what fits' if can_opt_out else '')
        raise ConfigError(
            f'{key} = {path!r} does not fit {network}: {problem}. Point it '
            f'at a checkpoint of this architecture{opt_out}.')


def load_fitting_checkpoint(module: nn.Module, path: str, key: str,
                            network: str) -> None:
    """Load ``path`` into ``module``; a one-line error unless it fits.

    For the loads an algorithm does itself: the file is read once, checked
    as :func:`check_checkpoint_fits` does, then loaded.

    Args:
        module (nn.Module): The network to load.
        path (str): The checkpoint.
        key (str): The config key that names it, for the message.
        network (str): What ``module`` is, for the message.
    """
    state_dict = checkpoint_state_dict(path)
    _raise_unless_fits(module, state_dict, path, key, network,
                       can_opt_out=False)
    # the check above is the strict one; it allows ALLOWED_MISSING
    module.load_state_dict(state_dict, strict=False)


def check_checkpoints_fit(model: nn.Module, cfg: Config,
                          load_from_key: str = 'load_from') -> None:
    """Check ``model.teacher_ckpt`` and ``load_from`` against the built model.

    Skipped when the config sets ``allow_partial_checkpoints = True``; a
    resume without an explicit file reads this run's own last checkpoint
    and is not checked.

    Args:
        model (nn.Module): The built model, wrapped or not.
        cfg (Config): The config it was built from.
        load_from_key (str): How the tool names ``load_from`` to the user.
    """
    if cfg.get('allow_partial_checkpoints', False):
        return
    if is_model_wrapper(model):
        model = model.module
    teacher_ckpt: Optional[str] = (cfg.get('model') or {}).get('teacher_ckpt')
    # SFTN loads its teacher_ckpt strictly into its architecture
    teacher = getattr(model, 'teacher', None)
    if teacher_ckpt and isinstance(teacher, nn.Module):
        check_checkpoint_fits(teacher, teacher_ckpt, 'model.teacher_ckpt',
                              'model.teacher')
    if cfg.get('load_from'):
        check_checkpoint_fits(model, cfg.load_from, load_from_key,
                              f'the {type(model).__name__} of this config')
