"""IE-KD / IE-DML units: split, losses, auto-encoder, frozen teacher, peers."""
import copy
import glob
import math
import os.path as osp

import mmrazor_sftkd  # noqa: F401  (patches mmrazor before it is imported)
import pytest
import torch
from mmengine.config import Config
from mmengine.optim import OptimWrapperDict, build_optim_wrapper
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.registry import MODELS

from conftest import REPO
from mmrazor_sftkd.utils.exceptions import ConfigError

AE_CFG = osp.join(REPO, 'configs/iekd/ae_resnet56_digits.py')
IEKD_CFG = osp.join(REPO, 'configs/iekd/iekd_resnet56_resnet20_digits.py')
IEDML_CFG = osp.join(REPO, 'configs/iekd/iedml_resnet56_resnet20_digits.py')


def build(cfg):
    init_default_scope('mmrazor')
    return MODELS.build(cfg)


def split(part, **kwargs):
    return build(dict(type='IEChannelSplit', in_channels=8, part=part,
                      **kwargs))


def state(module):
    """A copy of every parameter and buffer."""
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


def changed(before, module):
    after = module.state_dict()
    return {k for k, v in before.items() if not torch.equal(v, after[k])}


def batch(size=8, seed=0):
    generator = torch.Generator().manual_seed(seed)
    inputs = [
        torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8,
                      generator=generator) for _ in range(size)
    ]
    samples = [DataSample().set_gt_label(i % 10) for i in range(size)]
    return dict(inputs=inputs, data_samples=samples)


# ---------------------------------------------------------------- the split


@pytest.mark.parametrize('mode, seed', [('natural', None), ('random', 3)])
@pytest.mark.parametrize('ratio', [0.5, 0.25])
def test_split_parts_are_disjoint_and_cover_all_channels(mode, seed, ratio):
    inherit = split('inheritance', ratio=ratio, mode=mode, seed=seed)
    explore = split('exploration', ratio=ratio, mode=mode, seed=seed)
    assert torch.equal(inherit.channel_order, explore.channel_order)
    a, b = inherit.channels.tolist(), explore.channels.tolist()
    assert len(a) == round(8 * ratio) and len(a) + len(b) == 8
    assert sorted(a + b) == list(range(8))
    if mode == 'natural':
        assert a == list(range(len(a)))
    # forward selects exactly those channels, in that order
    x = torch.arange(8.).view(1, 8, 1, 1).expand(2, 8, 3, 3)
    assert inherit(x)[0, :, 0, 0].tolist() == a
    assert explore(x)[0, :, 0, 0].tolist() == b


def test_random_split_is_a_permutation_drawn_from_the_seed():
    orders = {
        seed: split('inheritance', mode='random', seed=seed).channel_order
        for seed in (0, 1)
    }
    assert sorted(orders[0].tolist()) == list(range(8))
    assert not torch.equal(orders[0], orders[1])
    assert torch.equal(orders[0],
                       split('exploration', mode='random',
                             seed=0).channel_order)


def test_split_permutation_survives_a_state_dict_round_trip(tmp_path):
    saved = split('exploration', mode='random', seed=1)
    path = tmp_path / 'split.pth'
    torch.save(saved.state_dict(), path)
    assert 'channel_order' in saved.state_dict()
    # a module built with another seed takes the saved permutation
    other = split('exploration', mode='random', seed=2)
    assert not torch.equal(other.channel_order, saved.channel_order)
    other.load_state_dict(torch.load(path, weights_only=True))
    assert torch.equal(other.channel_order, saved.channel_order)
    x = torch.randn(2, 8, 4, 4)
    assert torch.equal(other(x), saved(x))


@pytest.mark.parametrize('kwargs', [
    dict(part='both'),
    dict(part='inheritance', mode='sorted'),
    dict(part='inheritance', mode='random'),
    dict(part='inheritance', ratio=0.01),
    dict(part='inheritance', ratio=1.0),
])
def test_bad_split_config_raises_config_error(kwargs):
    with pytest.raises(ConfigError, match='IEChannelSplit'):
        build(dict(type='IEChannelSplit', in_channels=8, **kwargs))


# ---------------------------------------------------------------- the losses

S = torch.tensor([[[[1., -2.], [0., 3.]]], [[[0.5, 0.5], [-1., 2.]]]])
T = torch.tensor([[[[2., 0.], [1., 1.]]], [[[-1., 0.], [0., 4.]]]])


def unit_rows(x):
    rows = x.reshape(x.shape[0], -1).tolist()
    return [[v / math.sqrt(sum(u * u for u in row)) for v in row]
            for row in rows]


def hand_ft(s, t):
    a, b = unit_rows(s), unit_rows(t)
    diffs = [abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb)]
    return sum(diffs) / len(diffs)


def hand_cos(s, t):
    a, b = unit_rows(s), unit_rows(t)
    return sum(abs(sum(x * y for x, y in zip(ra, rb)))
               for ra, rb in zip(a, b)) / len(a)


def test_inheritance_loss_is_ft_loss_and_equals_hand_computation():
    loss = build(dict(type='FTLoss', loss_weight=3.0))
    assert loss(S, T).item() == pytest.approx(3.0 * hand_ft(S, T), rel=1e-6)


def test_exploration_loss_is_the_negative_and_equals_hand_computation():
    loss = build(dict(type='ExplorationLoss', loss_weight=3.0))
    assert loss(S, T).item() == pytest.approx(-3.0 * hand_ft(S, T),
                                              rel=1e-6)


def test_cosine_exploration_loss_equals_hand_computation():
    loss = build(dict(type='CosineExplorationLoss', loss_weight=2.0))
    assert loss(S, T).item() == pytest.approx(2.0 * hand_cos(S, T),
                                              rel=1e-6)
    assert loss(S, -S).item() == pytest.approx(2.0, rel=1e-6)
    ortho = torch.tensor([[[[1., 0.], [0., 0.]]]])
    other = torch.tensor([[[[0., 1.], [0., 0.]]]])
    assert loss(ortho, other).item() == pytest.approx(0.0, abs=1e-7)


def test_exploration_loss_is_bounded_even_when_maximised():
    weight, shape = 5.0, (4, 3, 4, 4)
    dim = 3 * 4 * 4
    bound = weight * 2 / math.sqrt(dim)
    loss = build(dict(type='ExplorationLoss', loss_weight=weight))
    target = torch.randn(shape)
    # opposite unit vectors reach the bound only for constant |components|
    assert -bound - 1e-6 <= loss(-target, target).item() <= 0
    ones = torch.ones(shape)
    assert loss(-ones, ones).item() == pytest.approx(-bound, rel=1e-5)
    # gradient descent on the exploration loss cannot run away
    s = torch.randn(shape, requires_grad=True)
    optimizer = torch.optim.SGD([s], lr=100.0)
    values = []
    for _ in range(50):
        value = loss(s, target)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
        values.append(value.item())
    assert all(-bound - 1e-5 <= v <= 0 for v in values)
    assert values[-1] < values[0]  # it did push away
    # the target gets no gradient (detached by default)
    t = torch.randn(shape, requires_grad=True)
    loss(torch.randn(shape, requires_grad=True), t).backward()
    assert t.grad is None


# ------------------------------------------------------- the auto-encoder


def test_auto_encoder_layout_and_phases():
    ae = build(dict(type='IEAutoEncoder', in_channels=16, factor_channels=4))
    from torch import nn
    for coder, channels in ((ae.encoder, (16, 16, 4, 4)),
                            (ae.decoder, (4, 4, 16, 16))):
        layers = list(coder)
        assert isinstance(layers[0], nn.LeakyReLU)
        assert layers[0].negative_slope == pytest.approx(0.1)
        convs = [m for m in layers if isinstance(m, nn.Conv2d)]
        assert [c.in_channels for c in convs] == list(channels[:3])
        assert [c.out_channels for c in convs] == list(channels[1:])
        assert all(c.bias is None and c.kernel_size == (3, 3) for c in convs)
        # every conv is followed by BN and a LeakyReLU
        for i, layer in enumerate(layers):
            if isinstance(layer, nn.Conv2d):
                assert isinstance(layers[i + 1], nn.BatchNorm2d)
                assert isinstance(layers[i + 2], nn.LeakyReLU)
    x = torch.randn(2, 16, 8, 8)
    assert ae(x).shape == x.shape  # pretrain: the reconstruction
    factor, rec = ae.autoencode(x)
    assert factor.shape == (2, 4, 8, 8) and rec.shape == x.shape


def test_auto_encoder_train_phase_is_frozen_including_bn():
    ae = build(dict(type='IEAutoEncoder', in_channels=16, factor_channels=4,
                    phase='train'))
    ae.train()
    assert not ae.training and not any(m.training for m in ae.modules())
    assert not any(p.requires_grad for p in ae.parameters())
    before = state(ae)
    out = ae(torch.randn(4, 16, 8, 8) * 3 + 1)
    assert out.shape == (4, 4, 8, 8) and not out.requires_grad
    assert not changed(before, ae)
    with pytest.raises(ConfigError, match='phase'):
        build(dict(type='IEAutoEncoder', in_channels=16, phase='finetune'))


# ----------------------------------------- frozen teacher through both stages


def algorithm_from(path, **overrides):
    cfg = Config.fromfile(path)
    cfg.merge_from_dict(overrides)
    model = copy.deepcopy(cfg.model)
    model['data_preprocessor'] = cfg.data_preprocessor
    torch.manual_seed(0)
    algorithm = build(model)
    return algorithm, build_optim_wrapper(algorithm, cfg.optim_wrapper)


SMALL_KD = {
    'model.teacher.backbone.arch': 'resnet8',
    'model.architecture.backbone.arch': 'resnet8',
    'model.teacher_ckpt': None,
}


def scramble_bn(module):
    """Non-default BN statistics, so that an update would show."""
    for m in module.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-1, 1)
            m.running_var.uniform_(0.5, 2)


def test_auto_encoder_stage_trains_only_the_auto_encoder():
    algorithm, optim = algorithm_from(AE_CFG, **SMALL_KD)
    scramble_bn(algorithm.teacher)
    teacher, student = state(algorithm.teacher), state(algorithm.student)
    ae = state(algorithm.distiller)
    algorithm.train()
    for step in range(2):
        log = algorithm.train_step(batch(seed=step), optim)
    assert set(log) >= {'distill.loss_rec'}
    assert not changed(teacher, algorithm.teacher)  # weights and BN buffers
    # the placeholder student is not trained (its BN statistics, in train
    # mode under stock SingleTeacherDistill, may move: it is never used)
    assert not {k for k in changed(student, algorithm.student)
                if 'running' not in k and 'num_batches' not in k}
    trained = changed(ae, algorithm.distiller)
    assert any('encoder.1.weight' in k for k in trained)
    assert any('decoder' in k for k in trained)


def test_ie_stage_keeps_teacher_and_teacher_factor_frozen():
    overrides = dict(SMALL_KD)
    overrides['model.distiller.init_cfg'] = None
    algorithm, optim = algorithm_from(IEKD_CFG, **overrides)
    scramble_bn(algorithm.teacher)
    scramble_bn(algorithm.distiller.connectors['ie_teacher_ae'])
    teacher = state(algorithm.teacher)
    teacher_ae = state(algorithm.distiller.connectors['ie_teacher_ae'])
    student = state(algorithm.student)
    encoders = {
        name: state(algorithm.distiller.connectors[name])
        for name in ('ie_inherit', 'ie_explore')
    }
    algorithm.train()
    for step in range(2):
        log = algorithm.train_step(batch(seed=step), optim)
    for term in ('distill.loss_inh', 'distill.loss_exp', 'distill.loss_kl',
                 'student.loss'):
        assert term in log, term
    assert log['distill.loss_exp'] < 0 < log['distill.loss_inh']
    assert not changed(teacher, algorithm.teacher)
    assert not changed(teacher_ae,
                       algorithm.distiller.connectors['ie_teacher_ae'])
    assert changed(student, algorithm.student)
    for name, before in encoders.items():
        after = changed(before, algorithm.distiller.connectors[name])
        assert any('encoder' in k for k in after), name
        assert not any('channel_order' in k for k in after)


# --------------------------------------------------------------- IE-DML

SMALL_DML = {
    'model.peer1.model.backbone.arch': 'resnet8',
    'model.peer2.model.backbone.arch': 'resnet8',
}


def test_iedml_each_optimizer_holds_only_its_own_peer():
    algorithm, optim = algorithm_from(IEDML_CFG, **SMALL_DML)
    assert isinstance(optim, OptimWrapperDict)
    assert set(optim.keys()) == {'peer1', 'peer2'}
    for name in ('peer1', 'peer2'):
        own = {id(p) for p in getattr(algorithm, name).parameters()}
        held = {
            id(p)
            for group in optim[name].optimizer.param_groups
            for p in group['params']
        }
        assert held == own
    assert not ({id(p) for p in algorithm.peer1.parameters()}
                & {id(p) for p in algorithm.peer2.parameters()})


def test_iedml_both_peers_learn_and_losses_stay_with_their_peer():
    algorithm, optim = algorithm_from(IEDML_CFG, **SMALL_DML)
    algorithm.train()
    data = algorithm.data_preprocessor(batch(), True)
    losses = algorithm(**data, mode='loss')
    expected = {
        f'{peer}.loss_{term}'
        for peer in ('peer1', 'peer2')
        for term in ('ce', 'kl', 'inh', 'exp', 'rec')
    }
    assert set(losses) == expected
    # peer1's losses reach no parameter of peer2, and vice versa
    for own, other in (('peer1', 'peer2'), ('peer2', 'peer1')):
        total = sum(v for k, v in losses.items() if k.startswith(own))
        params = list(getattr(algorithm, other).parameters())
        grads = torch.autograd.grad(
            total, params, retain_graph=True, allow_unused=True)
        assert all(g is None for g in grads)

    before = {n: state(getattr(algorithm, n)) for n in ('peer1', 'peer2')}
    log = algorithm.train_step(batch(seed=1), optim)
    assert {'peer1.loss', 'peer2.loss', 'loss'} <= set(log)
    for name in ('peer1', 'peer2'):
        diff = changed(before[name], getattr(algorithm, name))
        for part in ('classifier.backbone', 'classifier.head',
                     'auto_encoder.encoder', 'auto_encoder.decoder',
                     'inherit.1.encoder', 'explore.1.encoder'):
            assert any(k.startswith(part) for k in diff), (name, part)


def test_iedml_optimizer_of_one_peer_does_not_move_the_other():
    algorithm, optim = algorithm_from(IEDML_CFG, **SMALL_DML)
    for group in optim['peer2'].optimizer.param_groups:
        group['lr'] = 0.0
    algorithm.train()
    peer1 = {k: v for k, v in state(algorithm.peer1).items()
             if 'running' not in k and 'num_batches' not in k}
    peer2 = {k: v for k, v in state(algorithm.peer2).items()
             if 'running' not in k and 'num_batches' not in k}
    algorithm.train_step(batch(), optim)
    assert changed(peer1, algorithm.peer1)
    assert not changed(peer2, algorithm.peer2)


def test_iedml_predict_all_and_config_errors():
    algorithm, _ = algorithm_from(IEDML_CFG, **SMALL_DML)
    algorithm.eval()
    data = algorithm.data_preprocessor(batch(4), False)
    outputs = algorithm.predict_all(data['inputs'], data['data_samples'])
    assert list(outputs) == ['peer1', 'peer2']
    with torch.no_grad():
        logits = algorithm.peer2.classifier(data['inputs'], mode='tensor')
    assert torch.allclose(outputs['peer2'][0].pred_score,
                          logits.softmax(1)[0])

    cfg = Config.fromfile(IEDML_CFG)
    cfg.merge_from_dict(SMALL_DML)
    bad = copy.deepcopy(cfg.model)
    bad['peer2']['auto_encoder']['factor_channels'] = 16
    with pytest.raises(ConfigError, match='factor'):
        build(bad)
    bad = copy.deepcopy(cfg.model)
    bad['peer1']['feature'] = 'backbone.layer9'
    with pytest.raises(ConfigError, match='layer9'):
        build(bad)
    bad = copy.deepcopy(cfg.model)
    del bad['peer1']['explore']
    with pytest.raises(ConfigError, match='explore'):
        build(bad)


# ------------------------------------------------- every CIFAR-100 config

CIFAR_CONFIGS = sorted(
    osp.relpath(p, REPO)
    for p in glob.glob(osp.join(REPO, 'configs/iekd/*_cifar100.py')))


def test_cifar_config_list_is_complete():
    names = {osp.basename(p) for p in CIFAR_CONFIGS}
    for pair in ('resnet56_resnet20', 'resnet110_resnet32',
                 'wrn_40_2_wrn_16_2'):
        for method in ('ie', 'iekd', 'ieat', 'ieft'):
            assert f'{method}_{pair}_cifar100.py' in names
    for teacher in ('resnet56', 'resnet110', 'wrn_40_2'):
        assert f'ae_{teacher}_cifar100.py' in names
    assert 'iedml_resnet56_resnet20_cifar100.py' in names


@pytest.mark.parametrize('path', CIFAR_CONFIGS)
def test_cifar_config_builds_and_computes_its_losses(path):
    cfg = Config.fromfile(osp.join(REPO, path))
    assert not any(b.startswith(('pkg', 'mmrazor::', 'mmpretrain::'))
                   for b in cfg.get('_base_', []))
    model = copy.deepcopy(cfg.model)
    model['data_preprocessor'] = cfg.data_preprocessor
    if model['type'] == 'SingleTeacherDistill':
        # the checkpoints it names are documented in its header comment
        assert model['teacher_ckpt'].startswith('work_dirs/')
        with open(osp.join(REPO, path)) as f:
            assert 'python tools/train.py' in f.read()
        model['teacher_ckpt'] = None
        if 'init_cfg' in model['distiller']:
            assert model['distiller']['init_cfg']['checkpoint'].startswith(
                'work_dirs/ae_')
            model['distiller']['init_cfg'] = None
    algorithm = build(model)
    algorithm.train()
    data = algorithm.data_preprocessor(batch(2), True)
    with torch.no_grad():
        losses = algorithm(**data, mode='loss')
    assert all(torch.isfinite(v).all() for v in losses.values())
    name = osp.basename(path)
    if name.startswith('ae_'):
        assert set(losses) == {'distill.loss_rec'}
    elif name.startswith('iedml'):
        assert 'peer2.loss_exp' in losses
    else:
        assert {'distill.loss_inh', 'distill.loss_exp'} <= set(losses)
        extra = {'iekd': 'distill.loss_kl', 'ieat': 'distill.loss_at3',
                 'ieft': 'distill.loss_ft', 'ie': 'student.loss'}
        assert extra[name.split('_')[0]] in losses


def test_iedml_checkpoint_keys_do_not_depend_on_ddp_wrapping(tmp_path):
    import torch.distributed as dist
    from mmengine.model import MMSeparateDistributedDataParallel
    from mmengine.runner.checkpoint import load_state_dict
    algorithm, _ = algorithm_from(IEDML_CFG, **SMALL_DML)
    plain = state(algorithm)
    assert any(k.startswith('peer1.classifier.') for k in plain)
    other, _ = algorithm_from(IEDML_CFG, **SMALL_DML)
    torch.nn.init.constant_(other.peer1.classifier.head.fc.weight, 0.5)
    store = dist.FileStore(str(tmp_path / 'store'), 1)
    dist.init_process_group('gloo', store=store, rank=0, world_size=1)
    try:
        wrapped = MMSeparateDistributedDataParallel(other)
        assert type(other.peer1).__name__ == 'MMDistributedDataParallel'
        # saved keys are those of the unwrapped model
        assert list(other.state_dict()) == list(plain)
        # a plain checkpoint loads into the wrapped peers (resume under DDP)
        load_state_dict(other, plain, strict=True)
        assert not changed(plain, wrapped.module)
    finally:
        dist.destroy_process_group()


def test_iedml_without_data_preprocessor_uses_peer1s():
    cfg = Config.fromfile(IEDML_CFG)
    cfg.merge_from_dict(SMALL_DML)
    model = copy.deepcopy(cfg.model)
    model.pop('data_preprocessor', None)
    model['peer1']['model']['data_preprocessor'] = cfg.data_preprocessor
    torch.manual_seed(0)
    algorithm = build(model)
    assert algorithm.data_preprocessor is \
        algorithm.peer1.classifier.data_preprocessor
    optim = build_optim_wrapper(algorithm, cfg.optim_wrapper)
    algorithm.train()
    log = algorithm.train_step(batch(), optim)  # uint8 inputs normalised
    assert torch.isfinite(log['loss'])
