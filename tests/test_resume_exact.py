"""kill -9 mid-epoch, then --resume: the same final weights, bit for bit.

Each case trains 3 tiny epochs on digits without interruption, then again
in another work dir, killed with SIGKILL in epoch 2 (tests/sigkill_hook.py,
at a fixed iteration, so there is no timing race) and resumed with
``--resume``; every tensor of the two final state_dicts must be equal.
"""
import io
import os.path as osp
import random
import signal

import numpy as np
import pytest
import torch
from mmengine.config import Config

from conftest import REPO, TINY_DATA, run_tool
from mmrazor_sftkd.compat import load_weights_only
from mmrazor_sftkd.engine.hooks import ExactResumeHook
from mmrazor_sftkd.engine.hooks.exact_resume_hook import RANDOM_STATE_KEY
from mmrazor_sftkd.utils.random_state import (get_random_state,
                                              set_random_state)

TESTS = osp.join(REPO, 'tests')
COMMON = [
    *TINY_DATA,  # 256 training images
    'train_dataloader.batch_size=32',  # 8 iterations an epoch
    'train_cfg.max_epochs=3',
    'randomness.seed=0',
    'randomness.deterministic=True',
]
KILL_AT = dict(epoch=2, iteration=3)
# Without save_best, epoch_1.pth is written before epoch 1's validation only,
# and the resumed run must validate epoch 1 again; with it (SFTN), the
# checkpoint is written again after that validation's new best score.
NO_BEST = 'default_hooks.checkpoint.save_best=None'
CASES = {
    # Mixup draws from NumPy (lambda) and torch (the permutation), so torch's
    # generator matters too, and with it the draw each validation makes.
    'plain': ('configs/teachers/resnet20_digits.py', [
        'model.backbone.arch=resnet8', 'model.head.loss.use_soft=True',
        'data_preprocessor.batch_augments.augments.type=Mixup',
        'data_preprocessor.batch_augments.augments.alpha=1.0',
        NO_BEST
    ]),
    'sftn': ('configs/sftkd/sftn_resnet56_resnet20_digits.py', [
        'model.architecture.backbone.arch=resnet8',
        'model.student.backbone.arch=resnet8'
    ]),
    'ctkd': ('configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py', [
        'model.architecture.backbone.arch=resnet8',
        'model.scratch_teacher.backbone.arch=resnet8',
        'model.teacher.backbone.arch=resnet8',
        NO_BEST
    ]),
    'iedml': ('configs/iekd/iedml_resnet56_resnet20_digits.py', [
        'model.peer1.model.backbone.arch=resnet8',
        'model.peer2.model.backbone.arch=resnet8',
        NO_BEST
    ]),
}


@pytest.fixture(scope='module')
def expert(tmp_path_factory):
    """A randomly initialised resnet8 classifier checkpoint (CTKD's expert)."""
    from mmengine.registry import DefaultScope
    from mmpretrain.registry import MODELS
    path = str(tmp_path_factory.mktemp('expert') / 'expert.pth')
    # Other tests leave a default scope behind; the types below are
    # mmpretrain's, whatever scope is current.
    with torch.random.fork_rng(), \
            DefaultScope.overwrite_default_scope('mmpretrain'):
        torch.manual_seed(0)
        model = MODELS.build(
            dict(
                type='ImageClassifier',
                backbone=dict(type='CIFARResNet', arch='resnet8'),
                neck=dict(type='GlobalAveragePooling'),
                head=dict(
                    type='LinearClsHead',
                    num_classes=10,
                    in_channels=64,
                    loss=dict(type='CrossEntropyLoss'))))
    torch.save({'state_dict': model.state_dict()}, path)
    return path


def killing_config(tmp_path, config):
    """``config`` plus SigkillHook (and the config's own custom hooks)."""
    hooks = [dict(h) for h in Config.fromfile(osp.join(REPO, config)).get(
        'custom_hooks', [])]
    hooks.append(dict(type='mmrazor.SigkillHook', **KILL_AT))
    path = tmp_path / 'killed_config.py'
    path.write_text(
        f'_base_ = [{osp.join(REPO, config)!r}]\n'
        "custom_imports = dict(imports=['mmrazor_sftkd', 'sigkill_hook'], "
        'allow_failed_imports=False)\n'
        f'custom_hooks = {hooks!r}\n')
    return str(path)


def final_state_dict(work_dir):
    return load_weights_only(osp.join(work_dir, 'epoch_3.pth'),
                             'cpu')['state_dict']


@pytest.mark.parametrize('case', [
    'plain',
    pytest.param('sftn', marks=pytest.mark.slow),
    pytest.param('ctkd', marks=pytest.mark.slow),
    pytest.param('iedml', marks=pytest.mark.slow),
])
def test_killed_and_resumed_run_ends_bit_identical(case, tmp_path, request):
    config, options = CASES[case]
    options = COMMON + options
    if case == 'ctkd':
        options.append(f"model.teacher_ckpt={request.getfixturevalue('expert')}")
    full, part = str(tmp_path / 'full'), str(tmp_path / 'part')
    run_tool('train.py', config, '--work-dir', full, '--cfg-options',
             *options)

    killed = run_tool('train.py', killing_config(tmp_path, config),
                      '--work-dir', part, '--cfg-options', *options,
                      check=False, extra_path=[TESTS])
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    assert 'SIGKILL after epoch 2 iteration 3' in killed.stderr
    assert osp.isfile(osp.join(part, 'epoch_1.pth'))
    assert not osp.exists(osp.join(part, 'epoch_2.pth'))

    resumed = run_tool('train.py', config, '--work-dir', part, '--resume',
                       '--cfg-options', *options)
    log = resumed.stdout + resumed.stderr
    assert 'resumed epoch: 1' in log
    assert 'Random generators restored as at epoch 1' in log
    assert ('Validating epoch 1 again' in log) == (NO_BEST in options)

    expected, actual = final_state_dict(full), final_state_dict(part)
    assert expected.keys() == actual.keys()
    differing = [key for key in expected
                 if not torch.equal(expected[key], actual[key])]
    assert not differing, f'{len(differing)} tensors differ: {differing[:5]}'


def draws():
    return (random.random(), np.random.rand(3).tolist(),
            torch.rand(3).tolist())


def test_random_state_round_trips_through_a_weights_only_load():
    state = get_random_state()
    expected = draws()
    buffer = io.BytesIO()
    torch.save({RANDOM_STATE_KEY: state}, buffer)
    buffer.seek(0)
    # torch's own allowlist only: no class of the project's is needed
    loaded = torch.load(buffer, weights_only=True)[RANDOM_STATE_KEY]
    draws()
    assert set_random_state(loaded) == []
    assert draws() == expected


def test_saving_a_checkpoint_draws_no_random_number():
    """A run that is never resumed trains exactly as without the hook."""
    state = get_random_state()
    expected = draws()
    set_random_state(state)
    checkpoint = {}
    ExactResumeHook().before_save_checkpoint(None, checkpoint)
    assert draws() == expected
    assert checkpoint[RANDOM_STATE_KEY]['validated'] is False
