"""Mixed precision, torch.compile and channels_last switches.

One training step of every algorithm under bf16 autocast (the CPU's reduced
precision; a GPU's fp16 goes through the same code with AmpOptimWrapper),
the log-space KL in fp16/bf16, what ``--amp``, ``--compile`` and
``--channels-last`` do to the config, and the channels-last hook.
"""
import importlib.util
import logging
import math
import os.path as osp
import sys
from types import SimpleNamespace

import mmrazor_sftkd  # noqa: F401  (patches mmrazor before it is imported)
import pytest
import torch
from mmengine.config import Config
from mmengine.optim import OptimWrapperDict, build_optim_wrapper
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.engine import SeparateOptimWrapperConstructor
from mmrazor.registry import HOOKS, MODELS

from conftest import REPO, TINY_DATA, run_tool
from mmrazor_sftkd.models.losses import LogSpaceKLDivergence
from mmrazor_sftkd.utils import ConfigError, amp_optim_wrapper
from mmrazor_sftkd.utils.preflight import check_amp
from mmrazor_sftkd.utils.teacher_export import save_teacher

EXPERT = '<expert>'
SMALL = 'resnet8'
# config, overrides (networks shrunk, frozen networks random), the trained
# networks and the frozen ones (attribute paths in the algorithm)
ALGORITHMS = {
    'sftn': ('configs/sftkd/sftn_resnet56_resnet20_digits.py', {
        'model.architecture.backbone.arch': SMALL,
        'model.student.backbone.arch': SMALL,
    }, ('architecture', 'branches'), ()),
    'ctkd': ('configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py', {
        'model.architecture.backbone.arch': SMALL,
        'model.scratch_teacher.backbone.arch': SMALL,
        'model.teacher.backbone.arch': SMALL,
        'model.teacher_ckpt': EXPERT,
    }, ('architecture', 'scratch_teacher'), ('expert', )),
    'ctkd_sepoptim':
    ('configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits_sepoptim.py', {
        'model.architecture.backbone.arch': SMALL,
        'model.scratch_teacher.backbone.arch': SMALL,
        'model.teacher.backbone.arch': SMALL,
        'model.teacher_ckpt': EXPERT,
    }, ('architecture', 'scratch_teacher'), ('expert', )),
    'iekd': ('configs/iekd/iekd_resnet56_resnet20_digits.py', {
        'model.architecture.backbone.arch': SMALL,
        'model.teacher.backbone.arch': SMALL,
        'model.teacher_ckpt': None,
        'model.distiller.init_cfg': None,
    }, ('architecture', 'distiller.connectors.ie_inherit',
        'distiller.connectors.ie_explore'),
             ('teacher', 'distiller.connectors.ie_teacher_ae')),
    'iedml': ('configs/iekd/iedml_resnet56_resnet20_digits.py', {
        'model.peer1.model.backbone.arch': SMALL,
        'model.peer2.model.backbone.arch': SMALL,
    }, ('peer1', 'peer2'), ()),
}
# Every digits config with one optimizer per network.
MULTI_OPTIMIZER = ('ctkd_sepoptim', 'iedml')


def load(name):
    return Config.fromfile(osp.join(REPO, ALGORITHMS[name][0]))


def expert_checkpoint(cfg, path):
    """Random weights of the expert, saved as a teacher checkpoint."""
    init_default_scope('mmrazor')
    expert = MODELS.build(cfg.model.teacher)
    save_teacher(expert.state_dict(), str(path))
    return str(path)


def build(name, tmp_path):
    config, overrides, trained, frozen = ALGORITHMS[name]
    cfg = load(name)
    for key, value in overrides.items():
        if value == EXPERT:  # the expert's arch is set already
            value = expert_checkpoint(cfg, tmp_path / 'expert.pth')
        cfg.merge_from_dict({key: value})
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    model.init_weights()
    model.train()
    return cfg, model, trained, frozen


def batch(n=4):
    generator = torch.Generator().manual_seed(0)
    return dict(
        inputs=[
            torch.randint(0, 256, (3, 32, 32), generator=generator,
                          dtype=torch.uint8) for _ in range(n)
        ],
        data_samples=[DataSample().set_gt_label(i % 10) for i in range(n)])


def submodule(model, path):
    for name in path.split('.'):
        model = getattr(model, name)
    return model


def wrappers(optim_wrapper):
    if isinstance(optim_wrapper, OptimWrapperDict):
        return list(optim_wrapper.values())
    return [optim_wrapper]


@pytest.mark.parametrize('name', sorted(ALGORITHMS))
def test_train_step_under_autocast(name, tmp_path):
    cfg, model, trained, frozen = build(name, tmp_path)
    optim_wrapper = build_optim_wrapper(model, cfg.optim_wrapper)
    # The gradients each optimizer steps with (update_params zeroes them
    # after the step).
    grads = {}

    def record(optimizer, args, kwargs):
        for group in optimizer.param_groups:
            for param in group['params']:
                if param.grad is not None:
                    grads[param] = param.grad.detach().clone()

    for wrapper in wrappers(optim_wrapper):
        wrapper.optimizer.register_step_pre_hook(record)
    # that the forward really ran in bf16
    dtypes = set()
    for module in model.modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            module.register_forward_hook(
                lambda m, i, out: dtypes.add(out.dtype))
    before = {p: p.detach().clone() for p in model.parameters()}

    with torch.autocast('cpu', dtype=torch.bfloat16):
        log_vars = model.train_step(batch(), optim_wrapper)

    assert torch.bfloat16 in dtypes
    losses = {
        k: float(torch.as_tensor(v).detach())
        for k, v in log_vars.items() if 'loss' in k
    }
    assert losses and all(math.isfinite(v) for v in losses.values()), losses
    for path in trained:
        params = [p for p in submodule(model, path).parameters()
                  if p.requires_grad]
        assert params, path
        stepped = [p for p in params if p in grads]
        assert len(stepped) == len(params), (
            f'{path}: {len(params) - len(stepped)} parameters got no '
            'gradient')
        assert all(torch.isfinite(grads[p]).all() for p in stepped), path
        assert sum(grads[p].abs().sum() for p in stepped) > 0, path
        assert all(not torch.equal(before[p], p) for p in stepped
                   if grads[p].any()), f'{path}: a parameter did not move'
    for path in frozen:
        for param in submodule(model, path).parameters():
            assert param not in grads, path
            assert torch.equal(before[param], param), path


@pytest.mark.parametrize('dtype', [torch.float16, torch.bfloat16],
                         ids=['fp16', 'bf16'])
@pytest.mark.parametrize('tau', [1.0, 4.0])
@pytest.mark.parametrize('teacher_detach', [True, False],
                         ids=['detached', 'teacher_grad'])
def test_log_space_kl_in_reduced_precision(dtype, tau, teacher_detach):
    # Logits in the 1e4 range: fp16 log-probabilities then sum past its
    # maximum (65504), bf16 keeps 8 bits of them.
    generator = torch.Generator().manual_seed(0)
    preds_S = (torch.randn(8, 10, generator=generator) * 1e4).to(dtype)
    preds_T = (torch.randn(8, 10, generator=generator) * 1e4).to(dtype)
    preds_S.requires_grad_()
    preds_T.requires_grad_()
    loss_fn = LogSpaceKLDivergence(tau=tau, teacher_detach=teacher_detach)
    loss = loss_fn(preds_S, preds_T)
    loss.backward()
    # the same rounded logits, in float32 throughout
    reference = loss_fn(preds_S.detach().float(), preds_T.detach().float())
    assert torch.isfinite(loss)
    assert loss.item() == pytest.approx(reference.item(), rel=1e-5)
    assert torch.isfinite(preds_S.grad).all() and preds_S.grad.any()
    if teacher_detach:
        assert preds_T.grad is None
    else:
        assert torch.isfinite(preds_T.grad).all() and preds_T.grad.any()


@pytest.mark.parametrize('name', sorted(ALGORITHMS))
def test_amp_optim_wrapper_config(name):
    optim_wrapper = load(name).optim_wrapper
    amp = amp_optim_wrapper(optim_wrapper)
    if name in MULTI_OPTIMIZER:
        constructor = amp.pop('constructor')
        assert constructor.endswith('SeparateOptimWrapperConstructor')
        assert amp.keys() == optim_wrapper.keys() - {'constructor'}
        for key, wrapper in amp.items():
            assert wrapper.type == 'AmpOptimWrapper', key
            assert wrapper.loss_scale == 'dynamic', key
            assert wrapper.optimizer == optim_wrapper[key].optimizer
        # what mmengine's build_optim_wrapper hands it: one wrapper config
        # per network (a top-level type would be taken for one more)
        SeparateOptimWrapperConstructor(amp)
    else:
        assert amp.type == 'AmpOptimWrapper'
        assert amp.loss_scale == 'dynamic'
        assert amp.optimizer == optim_wrapper.optimizer
    assert 'type' not in optim_wrapper or \
        optim_wrapper.type != 'AmpOptimWrapper', 'input modified'


@pytest.mark.skipif(
    torch.cuda.is_available(), reason='needs a CPU-only host')
@pytest.mark.parametrize('name', MULTI_OPTIMIZER)
def test_amp_refused_without_gpu_per_network(name):
    cfg = load(name)
    cfg.optim_wrapper = amp_optim_wrapper(cfg.optim_wrapper)
    with pytest.raises(ConfigError, match='CUDA'):
        check_amp(cfg)


@pytest.fixture(scope='module')
def train_tool():
    spec = importlib.util.spec_from_file_location(
        'train_tool', osp.join(REPO, 'tools', 'train.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def train_cfg(train_tool, monkeypatch, config, *flags):
    monkeypatch.setenv('LOCAL_RANK', '0')
    monkeypatch.setattr(sys, 'argv', ['train.py', config, *flags])
    args = train_tool.parse_args()
    return train_tool.merge_args(train_tool.load_config(config), args)


def hook_types(cfg):
    return [hook['type'] for hook in cfg.custom_hooks]


def test_train_without_flags(train_tool, monkeypatch):
    cfg = train_cfg(train_tool, monkeypatch,
                    osp.join(REPO, ALGORITHMS['iedml'][0]))
    assert 'compile' not in cfg and not cfg.get('channels_last')
    assert 'mmrazor.ChannelsLastHook' not in hook_types(cfg)
    assert 'type' not in cfg.optim_wrapper
    assert all('type' not in cfg.optim_wrapper[p] for p in ('peer1', 'peer2'))


def test_train_amp_with_one_optimizer_per_network(train_tool, monkeypatch):
    cfg = train_cfg(train_tool, monkeypatch,
                    osp.join(REPO, ALGORITHMS['iedml'][0]), '--amp')
    assert 'type' not in cfg.optim_wrapper
    for peer in ('peer1', 'peer2'):
        assert cfg.optim_wrapper[peer].type == 'AmpOptimWrapper'
        assert cfg.optim_wrapper[peer].loss_scale == 'dynamic'


def test_train_compile_and_channels_last_flags(train_tool, monkeypatch):
    cfg = train_cfg(train_tool, monkeypatch,
                    osp.join(REPO, ALGORITHMS['iedml'][0]), '--compile',
                    '--channels-last')
    assert cfg.compile is True
    assert cfg.channels_last is True
    assert hook_types(cfg).count('mmrazor.ChannelsLastHook') == 1


def test_train_flags_keep_config_settings(train_tool, monkeypatch):
    config = osp.join(REPO, ALGORITHMS['sftn'][0])
    cfg = train_cfg(train_tool, monkeypatch, config, '--compile', '--amp',
                    '--cfg-options', 'compile.backend=eager',
                    'channels_last=True')
    # the config's torch.compile arguments win over the bare flag
    assert cfg.compile == dict(backend='eager')
    assert 'mmrazor.ChannelsLastHook' in hook_types(cfg)
    assert cfg.optim_wrapper.type == 'AmpOptimWrapper'
    assert cfg.optim_wrapper.clip_grad == dict(max_norm=5.0)


def test_channels_last_hook():
    hook = HOOKS.build(dict(type='mmrazor.ChannelsLastHook'))
    init_default_scope('mmpretrain')
    torch.manual_seed(0)
    model = MODELS.build(
        dict(
            type='mmpretrain.ImageClassifier',
            backbone=dict(type='CIFARResNet', arch=SMALL),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(type='LinearClsHead', num_classes=10,
                      in_channels=64))).eval()
    params = list(model.parameters())
    inputs = torch.randn(2, 3, 32, 32)
    features = []
    model.backbone.register_forward_hook(
        lambda m, i, out: features.append(out[-1]))
    with torch.no_grad():
        expected = model(inputs)
    assert not features[-1].is_contiguous(memory_format=torch.channels_last)

    hook.before_run(
        SimpleNamespace(model=model, logger=logging.getLogger(__name__)))

    convs = [p for p in model.parameters() if p.dim() == 4]
    assert convs and all(
        p.is_contiguous(memory_format=torch.channels_last) for p in convs)
    # the same Parameter objects: an optimizer built earlier still has them
    assert all(a is b for a, b in zip(params, model.parameters()))
    with torch.no_grad():
        out = model(inputs)
    # the layout carries through the network without converting the input
    assert features[-1].is_contiguous(memory_format=torch.channels_last)
    torch.testing.assert_close(out, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.slow
def test_train_channels_last_and_compile_end_to_end(tmp_path):
    # torch.compile's eager backend: the compile path without a compiler
    result = run_tool(
        'train.py', 'configs/teachers/resnet20_digits.py', '--work-dir',
        tmp_path, '--channels-last', '--compile', '--cfg-options',
        'compile.backend=eager', 'model.backbone.arch=resnet8',
        'train_cfg.max_epochs=1', *TINY_DATA)
    log = result.stdout + result.stderr
    assert 'ChannelsLastHook: the model is in the channels_last' in log
    assert 'Model has been "compiled"' in log
    ckpt = torch.load(tmp_path / 'epoch_1.pth', weights_only=False)
    conv = next(v for v in ckpt['state_dict'].values() if v.dim() == 4)
    assert conv.is_contiguous(memory_format=torch.channels_last)
