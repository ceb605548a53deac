"""MMRazor's registry-scope convention in this package's configs.

The default scope is MMPretrain's (its runtime base sets it), each algorithm
carries ``_scope_='mmrazor'``, and the loops and hooks of MMRazor and of this
package are named ``'mmrazor.<Type>'``. Then a user's MMPretrain model,
dataset and schedule bases drop in unchanged: under ``default_scope =
'mmrazor'`` MMPretrain's own ImageNet pipeline does not even build
(``RandomResizedCrop is not in the mmrazor::transform registry``).
"""
import mmrazor_sftkd  # noqa: F401,I001  (patches mmrazor before it is imported)

import glob
import os.path as osp
import re

import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import Compose
from mmengine.registry import HOOKS, LOOPS, MODELS, DefaultScope
from mmrazor.registry import HOOKS as RAZOR_HOOKS
from mmrazor.registry import LOOPS as RAZOR_LOOPS

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
CONFIG_FILES = sorted(
    glob.glob(osp.join(REPO, 'configs', '**', '*.py'), recursive=True))
#: Every config a user runs (not the bases).
CONFIGS = [
    osp.relpath(p, REPO) for p in CONFIG_FILES
    if '_base_' not in osp.relpath(p, REPO).split(osp.sep)
]

# A user's distillation config: MMPretrain's own ImageNet bases, unchanged,
# plus this package's KD method base and two network fragments.
USER_CONFIG = """
_base_ = [
    'mmpretrain::_base_/datasets/imagenet_bs32.py',
    'mmpretrain::_base_/schedules/imagenet_bs256.py',
    'mmpretrain::_base_/default_runtime.py',
    '{repo}/configs/distill/_base_/kd.py',
    '{repo}/configs/_base_/models/in1k_resnet34.py',
    '{repo}/configs/_base_/models/in1k_resnet18.py',
]
model = dict(
    architecture=dict(_base_.resnet18_in1k, _delete_=True),
    teacher=_base_.resnet34_in1k)
# MMPretrain's dataset base gives mean/std; an algorithm needs the type (an
# ImageClassifier would default it).
data_preprocessor = dict(type='mmpretrain.ClsDataPreprocessor')
"""


def _user_config(tmp_path, extra=''):
    path = tmp_path / 'kd_user_in1k.py'
    path.write_text(USER_CONFIG.format(repo=REPO) + extra)
    return Config.fromfile(str(path))


def _train_pipeline(cfg):
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        return Compose(cfg.train_dataloader.dataset.pipeline)


def test_mmpretrain_bases_drop_in(tmp_path):
    cfg = _user_config(tmp_path)
    assert cfg.default_scope == 'mmpretrain'
    assert cfg.model._scope_ == 'mmrazor'

    # MMPretrain's pipeline (RandomResizedCrop, RandomFlip, PackInputs...).
    pipeline = _train_pipeline(cfg)
    assert [type(t).__name__ for t in pipeline.transforms][:2] == \
        ['LoadImageFromFile', 'RandomResizedCrop']

    # The model, as the runner builds it: mmengine's MODELS under the
    # config's default scope.
    model_cfg = cfg.model.copy()
    model_cfg.setdefault('data_preprocessor', cfg.data_preprocessor)
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        model = MODELS.build(model_cfg)
    assert type(model).__name__ == 'SingleTeacherDistill'
    model.eval()
    with torch.no_grad():
        logits = model(torch.zeros(1, 3, 64, 64), mode='tensor')
    assert logits.shape == (1, 1000)


def test_the_old_mmrazor_default_scope_breaks_them(tmp_path):
    """The control: what the convention avoids."""
    cfg = _user_config(tmp_path, "\ndefault_scope = 'mmrazor'\n")
    with pytest.raises(KeyError, match='RandomResizedCrop'):
        _train_pipeline(cfg)


def test_no_config_sets_the_mmrazor_default_scope():
    pattern = re.compile(r'''default_scope\s*=\s*['"]mmrazor['"]''')
    offenders = []
    for path in CONFIG_FILES:
        with open(path, encoding='utf-8') as f:
            if pattern.search(f.read()):
                offenders.append(osp.relpath(path, REPO))
    assert not offenders


def _loop_and_hook_types(cfg):
    """(registry, type) for every loop and hook a resolved config names."""
    for key in ('train_cfg', 'val_cfg', 'test_cfg'):
        if isinstance(cfg.get(key), dict) and cfg[key].get('type'):
            yield 'loop', cfg[key]['type']
    hooks = list(cfg.get('custom_hooks') or [])
    hooks += list((cfg.get('default_hooks') or {}).values())
    for hook in hooks:
        if isinstance(hook, dict) and isinstance(hook.get('type'), str):
            yield 'hook', hook['type']


@pytest.mark.parametrize('path', CONFIGS)
def test_mmrazor_loops_and_hooks_carry_the_prefix(path):
    cfg = Config.fromfile(osp.join(REPO, path))
    own = dict(loop=RAZOR_LOOPS.module_dict, hook=RAZOR_HOOKS.module_dict)
    root = dict(loop=LOOPS, hook=HOOKS)
    for kind, name in _loop_and_hook_types(cfg):
        bare = name.split('.')[-1]
        if bare in own[kind]:
            assert name == f'mmrazor.{bare}', f'{path}: {kind} {name!r}'
        # Found as the runner's build looks it up, under MMPretrain's scope.
        with root[kind].switch_scope_and_registry('mmpretrain') as registry:
            assert registry.get(name) is not None, f'{path}: {name!r}'
