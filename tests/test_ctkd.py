"""CTKD, collaborative teaching (Zhao et al., arXiv 1907.09643): unit tests.

CollaborativeTeachingDistill / CollaborativeTeachingDistiller on tiny resnet8
triples: frozen expert, an independent scratch teacher, every loss term
against a hand computation, the released code's pairing, config errors.
"""
import copy
import glob
import os.path as osp

import mmrazor_sftkd  # noqa: F401  (must precede mmrazor imports)

import pytest
import torch
import torch.nn.functional as F
from mmengine.config import Config
from mmengine.optim import OptimWrapper, OptimWrapperDict
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.registry import MODELS

from conftest import REPO
from mmrazor_sftkd.utils import (ConfigError, check_checkpoints_fit,
                                 check_config)

NUM_CLASSES = 5
GAMMA, BETA = 0.3, 1000.0
SGD = dict(lr=0.1, momentum=0.9, weight_decay=5e-4)
STAGES = ('backbone.layer1', 'backbone.layer2', 'backbone.layer3')


def classifier(arch='resnet8'):
    return dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch=arch),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=NUM_CLASSES,
            in_channels=64,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))


def stage_recorders(logits=True):
    recorders = {
        f'g{i}': dict(type='ModuleOutputs', source=source)
        for i, source in enumerate(STAGES, start=1)
    }
    if logits:
        recorders['logits'] = dict(type='ModuleOutputs', source='head.fc')
    return recorders


def distiller_cfg(pairing='paper', guide='l2', **overrides):
    # 'released': the released code's pairing, where the expert's attention
    # supervises the scratch teacher instead of the student
    guide_loss = dict(type='L2Loss', normalize=False, loss_weight=GAMMA) \
        if guide == 'l2' else dict(type='KLDivergence', tau=4.0,
                                   loss_weight=GAMMA)
    guide_args = ('s_feature', 't_feature') if guide == 'l2' else \
        ('preds_S', 'preds_T')
    cfg = dict(
        type='CollaborativeTeachingDistiller',
        student_recorders=stage_recorders(),
        scratch_recorders=stage_recorders(),
        teacher_recorders=stage_recorders(logits=False),
        distill_losses=dict(
            loss_guide=guide_loss,
            **{
                f'loss_at{i}': dict(type='ATLoss', loss_weight=BETA)
                for i in (1, 2, 3)
            }),
        loss_forward_mappings=dict(
            loss_guide={
                guide_args[0]: dict(from_model='student', recorder='logits'),
                guide_args[1]: dict(from_model='scratch', recorder='logits'),
            },
            **{
                f'loss_at{i}': dict(
                    s_feature=dict(
                        from_model='student' if pairing == 'paper' else
                        'scratch', recorder=f'g{i}'),
                    t_feature=dict(from_model='expert', recorder=f'g{i}'))
                for i in (1, 2, 3)
            }))
    cfg.update(overrides)
    return cfg


@pytest.fixture(scope='module')
def expert_ckpt(tmp_path_factory):
    """A plain classifier state_dict (tensors only), with trained-looking
    (non-default) BN statistics, as a teacher export would be."""
    init_default_scope('mmrazor')
    torch.manual_seed(123)
    expert = MODELS.build(classifier())
    for module in expert.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
    path = tmp_path_factory.mktemp('expert') / 'expert.pth'
    torch.save(expert.state_dict(), path)
    return str(path)


def build(expert_ckpt, seed=0, **distiller_overrides):
    init_default_scope('mmrazor')
    torch.manual_seed(seed)
    return MODELS.build(
        dict(
            type='CollaborativeTeachingDistill',
            architecture=classifier('resnet8'),
            scratch_teacher=classifier('resnet14'),
            teacher=classifier('resnet8'),
            teacher_ckpt=expert_ckpt,
            data_preprocessor=dict(
                type='mmpretrain.ClsDataPreprocessor',
                num_classes=NUM_CLASSES),
            distiller=distiller_cfg(**distiller_overrides)))


def batch(seed=0, size=6, hw=16):
    gen = torch.Generator().manual_seed(seed)
    inputs = [torch.randint(0, 256, (3, hw, hw), generator=gen,
                            dtype=torch.uint8) for _ in range(size)]
    labels = torch.randint(0, NUM_CLASSES, (size, ), generator=gen)
    samples = [DataSample().set_gt_label(int(y)) for y in labels]
    return dict(inputs=inputs, data_samples=samples)


def sgd(params):
    return OptimWrapper(torch.optim.SGD(params, **SGD))


def state(module):
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


def assert_states_equal(a, b):
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), key


# ----------------------------------------------------------------------
# the frozen expert
@pytest.mark.parametrize('separate', [False, True])
def test_expert_parameters_and_bn_buffers_do_not_change(expert_ckpt,
                                                        separate):
    model = build(expert_ckpt)
    loaded = torch.load(expert_ckpt, weights_only=True)
    assert_states_equal(state(model.expert), loaded)  # the checkpoint loaded
    student_before = state(model.student)
    scratch_before = state(model.scratch_teacher)
    if separate:
        wrapper = OptimWrapperDict(
            architecture=sgd(model.student.parameters()),
            scratch_teacher=sgd(model.scratch_teacher.parameters()))
    else:
        wrapper = sgd(model.parameters())
    model.train()
    assert not model.expert.training
    assert all(not m.training for m in model.expert.modules())
    for step in range(3):
        log_vars = model.train_step(batch(step), wrapper)
    assert {'student.loss', 'scratch.loss', 'distill.loss_guide',
            'distill.loss_at1'} <= set(log_vars)
    assert all(not p.requires_grad for p in model.expert.parameters())
    # parameters and BN buffers (running stats, num_batches_tracked)
    assert_states_equal(state(model.expert), loaded)
    # ... while the trained networks, BN statistics included, did change
    for before, net in ((student_before, model.student),
                        (scratch_before, model.scratch_teacher)):
        after = state(net)
        for key in ('backbone.stem.conv1.weight',
                    'backbone.stem.bn1.running_mean'):
            assert not torch.equal(before[key], after[key]), key


def test_expert_loads_runner_checkpoint_and_rejects_wrong_ones(
        expert_ckpt, tmp_path):
    sd = torch.load(expert_ckpt, weights_only=True)
    runner_style = tmp_path / 'epoch_1.pth'
    torch.save(dict(meta=dict(epoch=1), state_dict=sd), runner_style)
    model = build(str(runner_style))
    assert_states_equal(state(model.expert), sd)
    # init_weights (the runner calls it) keeps the loaded expert
    model.init_weights()
    assert_states_equal(state(model.expert), sd)

    # train.py's checks: a frozen expert needs its checkpoint, which must
    # exist and fit (MMRazor's own loading is not strict)
    def checked(path):
        cfg = Config(dict(model=dict(
            teacher=classifier('resnet8'), teacher_ckpt=path)))
        check_config(cfg)
        if path:
            check_checkpoints_fit(build(path), cfg)

    with pytest.raises(ConfigError, match='teacher_ckpt is not set'):
        checked(None)
    with pytest.raises(ConfigError, match='no such file'):
        checked(str(tmp_path / 'missing.pth'))
    wrong = {k: v for k, v in sd.items() if not k.startswith('head.')}
    torch.save(wrong, tmp_path / 'wrong.pth')
    with pytest.raises(ConfigError, match=r'model.teacher_ckpt = .* does not '
                       r'fit model.teacher: 2 of its \d+ keys missing '
                       r'\(head.fc.weight, head.fc.bias\)'):
        checked(str(tmp_path / 'wrong.pth'))


def test_scratch_teacher_init_does_not_depend_on_the_expert_network():
    def scratch_after_build(expert_arch):
        init_default_scope('mmrazor')
        torch.manual_seed(0)
        model = MODELS.build(
            dict(
                type='CollaborativeTeachingDistill',
                architecture=classifier('resnet8'),
                scratch_teacher=classifier('resnet14'),
                teacher=classifier(expert_arch),
                distiller=distiller_cfg()))
        return state(model.scratch_teacher)

    assert_states_equal(scratch_after_build('resnet8'),
                        scratch_after_build('resnet20'))


# ----------------------------------------------------------------------
# the scratch teacher does not depend on the student
@pytest.mark.parametrize('separate', [False, True])
def test_scratch_teacher_step_equals_scratch_teacher_trained_alone(
        expert_ckpt, separate):
    model = build(expert_ckpt, seed=0)
    alone = copy.deepcopy(model.scratch_teacher)
    data = batch(7)

    if separate:
        wrapper = OptimWrapperDict(
            architecture=sgd(model.student.parameters()),
            scratch_teacher=sgd(model.scratch_teacher.parameters()))
    else:
        wrapper = sgd(model.parameters())
    model.train()
    model.train_step(copy.deepcopy(data), wrapper)

    alone.data_preprocessor = copy.deepcopy(model.data_preprocessor)
    alone.train()
    alone.train_step(copy.deepcopy(data), sgd(alone.parameters()))

    a, b = state(model.scratch_teacher), state(alone)
    for key in a:
        assert torch.allclose(a[key].float(), b[key].float(),
                              rtol=0, atol=1e-6), key

    # the comparison is sensitive: when the expert's attention reaches the
    # scratch teacher (the released pairing), its step differs
    released = build(expert_ckpt, seed=0, pairing='released')
    released.train()
    released.train_step(copy.deepcopy(data), sgd(released.parameters()))
    differs = state(released.scratch_teacher)
    assert not torch.allclose(differs['backbone.layer1.0.conv1.weight'],
                              b['backbone.layer1.0.conv1.weight'], atol=1e-6)


def test_separate_optimizers_match_single_optimizer(expert_ckpt):
    single, separate = build(expert_ckpt), build(expert_ckpt)
    single.train()
    separate.train()
    wrappers = OptimWrapperDict(
        architecture=sgd(separate.student.parameters()),
        scratch_teacher=sgd(separate.scratch_teacher.parameters()))
    single_ow = sgd(single.parameters())
    for step in range(2):
        single.train_step(batch(step), single_ow)
        separate.train_step(batch(step), wrappers)
    for name in ('architecture', 'scratch_teacher'):
        a = state(getattr(single, name))
        b = state(getattr(separate, name))
        for key in a:
            assert torch.allclose(a[key].float(), b[key].float(),
                                  atol=1e-5), (name, key)
    with pytest.raises(ConfigError, match='exactly the keys'):
        separate.train_step(
            batch(0), OptimWrapperDict(architecture=wrappers['architecture']))


# ----------------------------------------------------------------------
# each loss term against a hand computation
def fill(manager, records):
    for name, tensor in records.items():
        recorder = manager.get_recorder(name)
        recorder.reset_data_buffer()
        recorder.data_buffer.append(tensor)


def hand_attention(feat):
    q = feat.pow(2).mean(dim=1).reshape(feat.size(0), -1)
    return q / q.pow(2).sum(dim=1, keepdim=True).sqrt()


def test_distill_terms_equal_hand_computation_on_fixed_tensors(expert_ckpt):
    model = build(expert_ckpt)
    d = model.distiller
    # logits: sum over batch and classes of the squared difference is
    # 1 + 0 + 4 + 0 + 9 + 0 = 14, divided by the batch size 2 -> 7
    z_s = torch.tensor([[1., 2., 3.], [0., 0., 3.]], requires_grad=True)
    z_sc = torch.tensor([[0., 2., 1.], [0., 3., 3.]], requires_grad=True)
    gen = torch.Generator().manual_seed(3)
    feats = {
        model_name: {
            f'g{i}': torch.randn(2, 4, 3, 3, generator=gen)
            for i in (1, 2, 3)
        }
        for model_name in ('student', 'scratch', 'expert')
    }
    fill(d.student_recorders, dict(feats['student'], logits=z_s))
    fill(d.scratch_recorders, dict(feats['scratch'], logits=z_sc))
    fill(d.teacher_recorders, feats['expert'])
    losses = d.compute_distill_losses()

    assert losses['loss_guide'].item() == pytest.approx(GAMMA * 7.0)
    for i in (1, 2, 3):
        s, e = feats['student'][f'g{i}'], feats['expert'][f'g{i}']
        diff = hand_attention(s) - hand_attention(e)
        hand = BETA * (diff**2).sum() / diff.numel()  # mean over N x HW
        assert losses[f'loss_at{i}'].item() == pytest.approx(
            hand.item(), rel=1e-5)

    # the guidance never reaches the scratch teacher's logits
    losses['loss_guide'].backward()
    assert z_sc.grad is None
    assert torch.allclose(z_s.grad, 2 * GAMMA * (z_s - z_sc).detach() / 2)


def test_kl_guidance_equals_hand_computation(expert_ckpt):
    model = build(expert_ckpt, guide='kl')
    d = model.distiller
    z_s = torch.tensor([[1., 2., 3.], [0., 0., 3.]])
    z_sc = torch.tensor([[0., 2., 1.], [0., 3., 3.]], requires_grad=True)
    zeros = torch.zeros(2, 4, 3, 3)
    fill(d.student_recorders, dict(logits=z_s, g1=zeros, g2=zeros,
                                   g3=zeros))
    fill(d.scratch_recorders, dict(logits=z_sc))
    fill(d.teacher_recorders, dict(g1=zeros, g2=zeros, g3=zeros))
    loss = d.compute_distill_losses()['loss_guide']
    tau = 4.0
    p_t = torch.softmax(z_sc.detach() / tau, dim=1)
    log_p_s = torch.log_softmax(z_s / tau, dim=1)
    hand = GAMMA * tau**2 * (p_t * (p_t.log() - log_p_s)).sum() / 2
    assert loss.item() == pytest.approx(hand.item(), rel=1e-6)
    assert not loss.requires_grad  # scratch logits detached, student fixed


def test_cross_entropy_terms_equal_hand_computation(expert_ckpt):
    model = build(expert_ckpt)
    model.train()
    data = model.data_preprocessor(batch(2), True)
    inputs, samples = data['inputs'], data['data_samples']
    labels = torch.cat([s.gt_label for s in samples])
    losses = model.loss(inputs, samples)
    # train-mode BN normalises with batch statistics: same logits again
    z_s = model.student(inputs, mode='tensor')
    z_sc = model.scratch_teacher(inputs, mode='tensor')
    assert losses['student.loss'].item() == pytest.approx(
        F.cross_entropy(z_s, labels).item(), rel=1e-5)
    assert losses['scratch.loss'].item() == pytest.approx(
        F.cross_entropy(z_sc, labels).item(), rel=1e-5)
    hand = GAMMA * ((z_s - z_sc)**2).sum() / z_s.size(0)
    assert losses['distill.loss_guide'].item() == pytest.approx(
        hand.item(), rel=1e-4)
    assert set(losses) == {
        'scratch.loss', 'student.loss', 'distill.loss_guide',
        'distill.loss_at1', 'distill.loss_at2', 'distill.loss_at3'
    }


# ----------------------------------------------------------------------
# which network the expert's attention reaches
def grads_of(model, term):
    model.zero_grad(set_to_none=True)
    model.train()
    data = model.data_preprocessor(batch(4), True)
    losses = model.loss(data['inputs'], data['data_samples'])
    sum(v for k, v in losses.items() if k.startswith(term)).backward()

    def reached(net):
        return any(p.grad is not None and p.grad.abs().sum() > 0
                   for p in net.backbone.parameters())

    return reached(model.student), reached(model.scratch_teacher)


@pytest.mark.parametrize('pairing,student,scratch', [
    ('paper', True, False),
    ('released', False, True),
])
def test_switch_changes_which_network_the_expert_attention_reaches(
        expert_ckpt, pairing, student, scratch):
    model = build(expert_ckpt, pairing=pairing)
    assert grads_of(model, 'distill.loss_at') == (student, scratch)
    targets = model.distiller.loss_targets
    assert targets['loss_at1'] == ('student' if student else 'scratch')
    # the guidance trains the student only, in both modes
    assert grads_of(model, 'distill.loss_guide') == (True, False)
    assert targets['loss_guide'] == 'student'
    assert all(p.grad is None for p in model.expert.parameters())


# ----------------------------------------------------------------------
# config input
def test_from_student_keeps_mmrazor_meaning(expert_ckpt):
    cfg = distiller_cfg()
    cfg['loss_forward_mappings']['loss_at1'] = dict(
        s_feature=dict(from_student=True, recorder='g1'),
        t_feature=dict(from_student=False, recorder='g1'))
    model = MODELS.build(
        dict(
            type='CollaborativeTeachingDistill',
            architecture=classifier(),
            scratch_teacher=classifier(),
            teacher=classifier(),
            teacher_ckpt=expert_ckpt,
            distiller=cfg))
    mapping = model.distiller.loss_forward_mappings['loss_at1']
    assert mapping['s_feature']['from_model'] == 'student'
    assert mapping['t_feature']['from_model'] == 'expert'
    assert model.distiller.loss_targets['loss_at1'] == 'student'


def bad_mapping(**record):
    cfg = distiller_cfg()
    cfg['loss_forward_mappings']['loss_guide']['t_feature'] = record
    return cfg


def test_a_trainable_expert_is_refused(expert_ckpt):
    init_default_scope('mmrazor')
    with pytest.raises(ConfigError, match='teacher_trainable=True is not'):
        MODELS.build(
            dict(
                type='CollaborativeTeachingDistill',
                architecture=classifier(),
                scratch_teacher=classifier(),
                teacher=classifier(),
                teacher_ckpt=expert_ckpt,
                teacher_trainable=True,
                distiller=distiller_cfg()))


@pytest.mark.parametrize('cfg,message', [
    (bad_mapping(from_model='teacher', recorder='logits'),
     r"from_model must be one of \['student', 'scratch', 'expert'\]"),
    (bad_mapping(recorder='logits'), 'say where the input comes from'),
    (bad_mapping(from_model='scratch', recorder='logits', detach=False),
     'detach=False would let the student train the scratch teacher'),
    (bad_mapping(from_model='scratch', recorder='nope'),
     "recorder 'nope' is not in scratch_recorders"),
    (bad_mapping(from_model='expert', from_student=True, recorder='g1'),
     'give one'),
    (distiller_cfg(pairing='released',
                   scratch_recorders=dict(logits=dict(
                       type='ModuleOutputs', source='head.fc'))),
     "recorder 'g1' is not in scratch_recorders"),
])
def test_bad_distiller_config_raises_config_error(cfg, message):
    init_default_scope('mmrazor')
    with pytest.raises(ConfigError, match=message):
        MODELS.build(cfg)


# ----------------------------------------------------------------------
# the shipped configs
CONFIGS = sorted(
    osp.relpath(p, REPO)
    for p in glob.glob(osp.join(REPO, 'configs', 'ctkd', 'ctkd_*.py')))


def test_every_ctkd_config_is_listed():
    assert len(CONFIGS) == 8
    for path in CONFIGS + glob.glob(
            osp.join(REPO, 'configs', 'ctkd', '**', '*.py'), recursive=True):
        if '_in1k' in path:  # built on MMPretrain's own configs
            continue
        with open(osp.join(REPO, path)) as f:
            assert '::' not in f.read(), path  # relative _base_ only


@pytest.mark.parametrize('path', CONFIGS)
def test_config_builds_with_an_expert_checkpoint_and_runs(path, tmp_path):
    cfg = Config.fromfile(osp.join(REPO, path))
    assert cfg.val_cfg.type == 'mmrazor.MultiModelValLoop'
    assert cfg.model.teacher_ckpt.startswith(('work_dirs/', 'checkpoints/'))
    if 'cifar' in path:  # the released recipe
        assert cfg.train_dataloader.batch_size == 128
        assert cfg.optim_wrapper.optimizer.lr == 0.1
        assert cfg.param_scheduler.milestones == [60, 120, 160]
        assert cfg.param_scheduler.gamma == 0.2
        assert cfg.train_cfg.max_epochs == 200
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    expert = MODELS.build(copy.deepcopy(cfg.model.teacher))
    torch.save(expert.state_dict(), tmp_path / 'expert.pth')
    model_cfg = copy.deepcopy(cfg.model)
    model_cfg.teacher_ckpt = str(tmp_path / 'expert.pth')
    model_cfg.data_preprocessor = cfg.data_preprocessor
    model = MODELS.build(model_cfg)
    assert_states_equal(state(model.expert), expert.state_dict())
    num_classes = model.student.head.num_classes
    assert num_classes == model.scratch_teacher.head.num_classes \
        == model.expert.head.num_classes
    model.train()
    samples = [DataSample().set_gt_label(i % num_classes) for i in range(2)]
    losses = model.loss(torch.randn(2, 3, 32, 32), samples)
    assert set(losses) == {
        'scratch.loss', 'student.loss', 'distill.loss_guide',
        'distill.loss_at1', 'distill.loss_at2', 'distill.loss_at3'
    }
    released = 'released' in path
    assert model.distiller.loss_targets['loss_at1'] == (
        'scratch' if released else 'student')
