"""The stage-2 distillation configs of configs/distill/*_cifar100_*.py.

For every config: it loads, its ``_base_`` chain is relative (no ``pkg::``),
its ``_std`` / ``_sftn`` twin (same bases, neither inheriting the other)
differs only in the teacher checkpoint (and, for
FT, in the paraphraser checkpoint trained on that teacher), and the model it
describes builds and runs one training forward whose distillation losses are
finite and reach the trainable parameters. For FT, the paraphraser written by
stage 1 is what stage 2 loads.

Checkpoints are switched off (``teacher_ckpt=None``, no paraphraser
``init_cfg``), so nothing here needs a trained teacher or the dataset.
"""
import mmrazor_sftkd  # noqa: F401,I001  (first: patches mmrazor for this torch)

import ast
import copy
import functools
import glob
import math
import os.path as osp
import re

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.registry import MODELS

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
DISTILL_DIR = osp.join(REPO, 'configs', 'distill')
CONFIGS = sorted(
    osp.basename(p)
    for p in glob.glob(osp.join(DISTILL_DIR, '*_cifar100_*.py')))

METHODS = ('kd', 'fitnets', 'at', 'rkd', 'dkd', 'ft')
PAIRS = (('resnet32x4', 'resnet8x4'), ('wrn_40_2', 'wrn_16_2'),
         ('vgg13', 'vgg8'), ('resnet32x4', 'shufflev2'))
NAME_RE = re.compile(r'^(?P<method>[a-z]+)_(?P<pair>.+)_cifar100'
                     r'(?P<pretrain>_pretrain)?_(?P<variant>std|sftn)\.py$')
PKG_REF_RE = re.compile(r'''['"][\w.-]+::''')


@pytest.fixture(scope='module', autouse=True)
def one_thread():
    """Tiny batches: one intra-op thread is faster, and robust to a busy CPU."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _parse(name):
    match = NAME_RE.match(name)
    assert match, f'{name}: not <method>_<teacher>_<student>_cifar100_' \
        '[pretrain_]{std,sftn}.py'
    pair = next((p for p in PAIRS if '_'.join(p) == match['pair']), None)
    assert pair, f'{name}: unknown teacher/student pair {match["pair"]!r}'
    return match['method'], pair, bool(match['pretrain']), match['variant']


@functools.lru_cache(maxsize=None)
def load(name):
    return Config.fromfile(osp.join(DISTILL_DIR, name))


def _strip_checkpoints(cfg_dict):
    """The config dict without the checkpoints that a _sftn file may change."""
    cfg_dict = copy.deepcopy(cfg_dict)
    for key in ('teacher_ckpt', 'paraphraser_ckpt'):
        cfg_dict.pop(key, None)
    cfg_dict['model'].pop('teacher_ckpt', None)
    init_cfg = cfg_dict['model']['distiller'].get('init_cfg')
    if init_cfg:
        init_cfg.pop('checkpoint', None)
    return cfg_dict


def build_model(cfg, paraphraser_ckpt=None):
    """Build ``cfg.model`` as the runner would (under the config's default
    scope), without any checkpoint."""
    init_default_scope(cfg.default_scope)
    model_cfg = copy.deepcopy(cfg.model)
    model_cfg.teacher_ckpt = None
    if model_cfg.distiller.get('init_cfg'):
        if paraphraser_ckpt is None:
            model_cfg.distiller.init_cfg = None
        else:
            model_cfg.distiller.init_cfg.checkpoint = paraphraser_ckpt
    # Runner: the model gets the config's data_preprocessor by default.
    model_cfg.setdefault('data_preprocessor', cfg.data_preprocessor)
    return MODELS.build(model_cfg)


def tiny_batch(model, size=2):
    """A preprocessed training batch of random 3x32x32 uint8 images."""
    gen = torch.Generator().manual_seed(0)
    inputs = [
        torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8, generator=gen)
        for _ in range(size)
    ]
    samples = [
        DataSample().set_gt_label(label) for label in (3, 71, 42, 7)[:size]
    ]
    return model.data_preprocessor(
        dict(inputs=inputs, data_samples=samples), training=True)


def _grads(loss, named_params):
    named_params = [(n, p) for n, p in named_params if p.requires_grad]
    if not named_params:
        return {}
    grads = torch.autograd.grad(
        loss, [p for _, p in named_params],
        retain_graph=True,
        allow_unused=True)
    return {n: g for (n, _), g in zip(named_params, grads)}


def _reached(grads):
    return [n for n, g in grads.items() if g is not None and g.abs().sum() > 0]


def _bases(text):
    """The ``_base_`` list of a config's text."""
    for node in ast.parse(text).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and getattr(node.targets[0], 'id', None) == '_base_'):
            bases = ast.literal_eval(node.value)
            return [bases] if isinstance(bases, str) else list(bases)
    return []


# --------------------------------------------------------------------------
def test_every_method_pair_and_variant_is_there():
    expected = set()
    for teacher, student in PAIRS:
        for method in METHODS:
            for variant in ('std', 'sftn'):
                expected.add(
                    f'{method}_{teacher}_{student}_cifar100_{variant}.py')
                if method == 'ft':
                    expected.add(f'ft_{teacher}_{student}_cifar100_pretrain_'
                                 f'{variant}.py')
    assert set(CONFIGS) == expected


@pytest.mark.parametrize('name', CONFIGS)
def test_base_chain_is_relative(name):
    """Every file of the _base_ chain exists and names no 'pkg::' config."""
    todo, seen = [osp.join(DISTILL_DIR, name)], set()
    while todo:
        path = osp.normpath(todo.pop())
        if path in seen:
            continue
        seen.add(path)
        assert osp.isfile(path), f'{name}: missing base {path}'
        with open(path, encoding='utf-8') as f:
            text = f.read()
        assert not PKG_REF_RE.search(text), f'{path}: a pkg:: reference'
        for base in _bases(text):
            assert base.startswith('.'), f'{path}: {base!r}'
            todo.append(osp.join(osp.dirname(path), base))
    # The chain reaches the shared dataset, schedule and runtime bases.
    names = {osp.relpath(p, REPO) for p in seen}
    for base in ('configs/_base_/datasets/cifar100_bs64.py',
                 'configs/_base_/schedules/cifar_crd_240e.py',
                 'configs/_base_/default_runtime.py'):
        assert base in names


@pytest.mark.parametrize(
    'sftn_name', [n for n in CONFIGS if n.endswith('_sftn.py')])
def test_std_and_sftn_differ_only_in_the_teacher(sftn_name):
    method, (teacher, student), pretrain, _ = _parse(sftn_name)
    std_name = sftn_name[:-len('_sftn.py')] + '_std.py'
    std, sftn = load(std_name), load(sftn_name)
    assert _strip_checkpoints(std.to_dict()) == \
        _strip_checkpoints(sftn.to_dict())

    # The teacher checkpoints, and the commands that write them.
    std_ckpt = f'work_dirs/{teacher}_cifar100/epoch_240.pth'
    sftn_ckpt = (f'work_dirs/sftn_{teacher}_{student}_cifar100/'
                 'epoch_240_teacher.pth')
    assert std.teacher_ckpt == std.model.teacher_ckpt == std_ckpt
    assert sftn.teacher_ckpt == sftn.model.teacher_ckpt == sftn_ckpt
    assert osp.isfile(
        osp.join(REPO, 'configs', 'teachers', f'{teacher}_cifar100.py'))
    assert (f'python tools/train.py configs/teachers/{teacher}_cifar100.py'
            in std.text)
    assert (f'python tools/train.py configs/sftkd/sftn_{teacher}_{student}_'
            'cifar100.py' in sftn.text)

    # sftn = std + the checkpoint(s) only: both inherit the same bases, and
    # neither inherits the other (shared parts live in _base_ files).
    bases = []
    for name in (std_name, sftn_name):
        with open(osp.join(DISTILL_DIR, name), encoding='utf-8') as f:
            bases.append(_bases(f.read()))
    assert bases[0] == bases[1]
    assert bases[0] and all(b.startswith('./_base_/') for b in bases[0])

    if method == 'ft' and not pretrain:
        # Stage 2 reads the paraphraser of the stage-1 run on the same
        # teacher, at the last epoch stage 1 writes.
        for cfg, variant, ckpt in ((std, 'std', std_ckpt),
                                   (sftn, 'sftn', sftn_ckpt)):
            pre_name = f'ft_{teacher}_{student}_cifar100_pretrain_{variant}'
            pre = load(pre_name + '.py')
            assert pre.teacher_ckpt == pre.model.teacher_ckpt == ckpt
            want = (f'work_dirs/{pre_name}/'
                    f'epoch_{pre.train_cfg.max_epochs}.pth')
            assert cfg.paraphraser_ckpt == want
            assert cfg.model.distiller.init_cfg == dict(
                type='Pretrained', checkpoint=want, prefix='distiller.')
            assert f'python tools/train.py configs/distill/{pre_name}.py' \
                in cfg.text


@pytest.mark.parametrize('name', CONFIGS)
def test_builds_and_distills(name):
    method, _, pretrain, _ = _parse(name)
    cfg = load(name)
    # MMRazor's scope convention: MMPretrain's default scope, the algorithm
    # in 'mmrazor'.
    assert cfg.default_scope == 'mmpretrain'
    assert cfg.model._scope_ == 'mmrazor'
    distill_names = list(cfg.model.distiller.distill_losses)
    assert distill_names and all('loss' in n for n in distill_names)
    # CE weight: 0.1 for KD (CRD recipe), 1.0 for the others (RepDistiller).
    ce = cfg.model.architecture.head.loss.loss_weight
    assert ce == (0.1 if method == 'kd' else 1.0)

    torch.manual_seed(0)
    model = build_model(cfg)
    model.train()
    assert not any(p.requires_grad for p in model.teacher.parameters())

    # RKD's relations are degenerate for two samples (every normalised
    # distance is 1): give it four.
    losses = model(
        **tiny_batch(model, 4 if method == 'rkd' else 2), mode='loss')
    for loss_name in distill_names:
        value = losses[f'distill.{loss_name}']
        assert value.dim() == 0 and math.isfinite(value.item()), loss_name
    distill = sum(losses[f'distill.{n}'] for n in distill_names)
    assert distill.item() > 0

    # One backward pass of the distillation losses alone.
    reached = _reached(_grads(distill, model.named_parameters()))
    student = [n[len('architecture.'):] for n in reached
               if n.startswith('architecture.')]
    paraphraser = 'distiller.connectors.loss_ft_tfeat.0.'
    if pretrain:
        # FT stage 1: only the paraphraser learns, the student is not scored.
        assert 'student.loss' not in losses
        assert reached and all(n.startswith(paraphraser) for n in reached)
        return

    assert math.isfinite(losses['student.loss'].item())
    assert student, 'the distillation losses do not reach the student'
    if method in ('kd', 'dkd'):
        assert 'head.fc.weight' in student
    else:
        assert any(n.startswith('backbone.') for n in student)
    # Student-side connectors learn with the student.
    for conn_name in model.distiller.connectors:
        if conn_name.endswith('_sfeat'):
            prefix = f'distiller.connectors.{conn_name}.'
            assert any(n.startswith(prefix) for n in reached), conn_name
    # In FT stage 2 the paraphraser is frozen (run without gradients).
    assert not any(n.startswith(paraphraser) for n in reached)


@pytest.mark.parametrize('pair', PAIRS, ids=['_'.join(p) for p in PAIRS])
def test_ft_stage2_loads_the_stage1_paraphraser(pair, tmp_path):
    stem = f'ft_{pair[0]}_{pair[1]}_cifar100'
    pre_cfg, cfg = load(stem + '_pretrain_std.py'), load(stem + '_std.py')

    # The same paraphraser on the same teacher feature in both stages.
    pre_dist, dist = pre_cfg.model.distiller, cfg.model.distiller
    assert pre_dist.teacher_recorders == dist.teacher_recorders
    pre_para, para = pre_dist.connectors.loss_ft_tfeat[0], \
        dist.connectors.loss_ft_tfeat[0]
    assert (pre_para.type, pre_para.phase) == ('Paraphraser', 'pretrain')
    assert (para.type, para.phase) == ('Paraphraser', 'train')
    assert (pre_para.in_channel, pre_para.out_channel) == \
        (para.in_channel, para.out_channel)
    assert para.out_channel == para.in_channel // 2  # FT's factor rate 0.5
    assert dist.connectors.loss_ft_sfeat.out_channel == para.out_channel

    # A "trained" stage-1 model, saved as the runner saves checkpoints.
    torch.manual_seed(1)
    stage1 = build_model(pre_cfg)
    with torch.no_grad():
        for param in stage1.distiller.parameters():
            param.add_(1.0)
    ckpt = tmp_path / 'epoch_30.pth'
    torch.save(dict(meta=dict(), state_dict=stage1.state_dict()), str(ckpt))
    expected = stage1.distiller.connectors['loss_ft_tfeat'][0].state_dict()

    # Stage 1 writes the paraphraser only (no translator) into distiller.*.
    assert {k.split('.')[2] for k in stage1.state_dict()
            if k.startswith('distiller.')} == {'loss_ft_tfeat'}

    torch.manual_seed(2)
    stage2 = build_model(cfg, paraphraser_ckpt=str(ckpt))
    stage2.init_weights()
    loaded = stage2.distiller.connectors['loss_ft_tfeat'][0].state_dict()
    assert loaded.keys() == expected.keys()
    for key, value in expected.items():
        assert torch.equal(loaded[key], value), key
