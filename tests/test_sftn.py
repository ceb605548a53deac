"""SFTN: branches, joint loss, gradients, shape inference and export."""
import copy
import os.path as osp
import glob

import pytest
import torch
import torch.nn.functional as F
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.registry import MODELS

from conftest import REPO
from mmrazor_sftkd.models.algorithms.sftn import stage_paths
from mmrazor_sftkd.models.architectures import build_stage_transform
from mmrazor_sftkd.utils import ConfigError
from mmrazor_sftkd.utils.teacher_export import save_teacher, \
    teacher_state_dict

BACKBONES = {
    'resnet': 'CIFARResNet',
    'wrn': 'CIFARWideResNet',
    'vgg': 'CIFARVGG',
}


def classifier(arch, num_classes=10):
    if arch == 'shufflev2':
        backbone = dict(type='CIFARShuffleNetV2')
    elif arch == 'mobilenetv2':
        backbone = dict(type='CIFARMobileNetV2')
    else:
        family = next(k for k in BACKBONES if arch.startswith(k))
        backbone = dict(type=BACKBONES[family], arch=arch)
    model = dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=backbone,
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=num_classes,
            in_channels=None,
            loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
    # the head's input width is the backbone's last out_channels
    built = MODELS.build(dict(copy.deepcopy(backbone), _scope_='mmpretrain'))
    model['head']['in_channels'] = built.out_channels[-1]
    return model


def build_sftn(teacher='resnet20', student='resnet8', **kwargs):
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    cfg = dict(
        type='SFTN',
        architecture=classifier(teacher),
        student=classifier(student),
        data_preprocessor=dict(type='mmpretrain.ClsDataPreprocessor'))
    cfg.update(kwargs)
    return MODELS.build(cfg)


def batch(n=4, classes=10):
    torch.manual_seed(1)
    inputs = torch.randn(n, 3, 32, 32)
    samples = [DataSample().set_gt_label(i % classes) for i in range(n)]
    return inputs, samples


def branch_loss(losses):
    return sum(v for k, v in losses.items() if k.startswith('branch'))


@pytest.mark.parametrize('weights, reaches', [((1.0, 3.0), True),
                                              ((0.0, 0.0), False)])
def test_branch_gradient_reaches_teacher_first_stage(weights, reaches):
    ce, kl = weights
    model = build_sftn(
        branch_ce_weight=ce,
        loss_branch_kl=dict(
            type='LogSpaceKLDivergence', loss_weight=kl,
            teacher_detach=False))
    inputs, samples = batch()
    branch_loss(model.loss(inputs, samples)).backward()
    first = model.architecture.backbone.layer1
    grads = [p.grad for p in first.parameters()]
    nonzero = any(g is not None and g.abs().sum() > 0 for g in grads)
    assert nonzero is reaches
    # the branches themselves always get gradients from their CE/KL when on
    branch_grads = [p.grad for p in model.branches.parameters()]
    assert any(g is not None and g.abs().sum() > 0
               for g in branch_grads) is reaches


@pytest.mark.parametrize('reduction', ['sum', 'mean'])
def test_loss_matches_hand_computation(reduction):
    tau, l_ce, l_kl = 2.0, 0.7, 3.0
    model = build_sftn(
        branch_ce_weight=l_ce,
        loss_branch_kl=dict(
            type='LogSpaceKLDivergence',
            tau=tau,
            loss_weight=l_kl,
            teacher_detach=False),
        branch_reduction=reduction)
    model.eval()  # fixed BN statistics: both computations see the same net
    inputs, samples = batch()
    losses = model.loss(inputs, samples)
    target = torch.tensor([s.gt_label.item() for s in samples])

    teacher = model.architecture
    backbone = teacher.backbone
    x = backbone.stem(inputs)
    stage_out = {}
    for name in backbone.stage_names:
        x = getattr(backbone, name)(x)
        stage_out[f'backbone.{name}'] = x
    z_t = teacher.head.fc(x.mean(dim=(2, 3)))
    assert torch.allclose(losses['teacher.loss_ce'],
                          F.cross_entropy(z_t, target))
    scale = 1.0 / len(model.branches) if reduction == 'mean' else 1.0
    assert len(model.branches) == 2
    student_stages = list(backbone.stage_names)  # resnet8: same names
    for (t_name, s_name), (name, branch) in zip(model.attach_points,
                                                model.branches.items()):
        h = branch.transform(stage_out[t_name])
        later = student_stages[student_stages.index(s_name[9:]) + 1:]
        for stage in later:
            h = getattr(branch.tail.backbone, stage)(h)
        z_b = branch.head.fc(h.mean(dim=(2, 3)))
        ce = scale * l_ce * F.cross_entropy(z_b, target)
        p_t = F.softmax(z_t / tau, dim=1)
        kl = (p_t * (p_t.log() - F.log_softmax(z_b / tau, dim=1))).sum(1)
        kl = scale * l_kl * tau**2 * kl.mean()
        assert torch.allclose(losses[f'{name}.loss_ce'], ce, atol=1e-6)
        assert torch.allclose(losses[f'{name}.loss_kl'], kl, atol=1e-6)


PAIRS = [
    ('resnet32x4', 'resnet8x4'),
    ('wrn_40_2', 'wrn_16_2'),
    ('vgg13', 'vgg8'),
    ('resnet32x4', 'shufflev2'),
    ('vgg13', 'mobilenetv2'),
    ('resnet56', 'resnet20'),
]


@pytest.mark.parametrize('teacher, student', PAIRS)
def test_shape_inference_across_families(teacher, student):
    model = build_sftn(teacher, student)
    t_stages = model.architecture.backbone.stage_names
    assert len(model.branches) == len(t_stages) - 1
    inputs, _ = batch(n=2)
    model.eval()
    with torch.no_grad():
        teacher_logits, branch_logits = model._branch_logits(inputs)
    assert teacher_logits.shape == (2, 10)
    t_channels = model.architecture.backbone.out_channels
    for index, ((t_name, s_name), (name, branch)) in enumerate(
            zip(model.attach_points, model.branches.items())):
        assert branch_logits[name].shape == (2, 10)
        # the branch continues after s_name and holds nothing before it
        tail_modules = dict(branch.tail.named_modules())
        assert s_name not in tail_modules
        assert 'head' in tail_modules
        # the transform maps the teacher stage's channels onto the student's
        assert branch.transform.conv.in_channels == t_channels[index]


def test_transform_inference_rules():
    same = build_stage_transform((64, 16, 16), (32, 16, 16))
    assert same.conv.stride == (1, 1) and 'upsample' not in same._modules
    down = build_stage_transform((64, 32, 32), (24, 8, 8))
    assert down.conv.stride == (4, 4)
    assert down(torch.zeros(1, 64, 32, 32)).shape == (1, 24, 8, 8)
    up = build_stage_transform((512, 4, 4), (16, 8, 8))
    assert up(torch.zeros(1, 512, 4, 4)).shape == (1, 16, 8, 8)
    with pytest.raises(ConfigError, match='3x3 onto a student stage '
                       'input of 2x2'):
        build_stage_transform((16, 3, 3), (16, 2, 2), where='t')


def test_bad_attach_points_name_module_and_list_available():
    with pytest.raises(ConfigError) as error:
        build_sftn(attach_points=[('backbone.layer9', 'backbone.layer1')])
    message = str(error.value)
    assert "'backbone.layer9'" in message
    assert "'backbone.layer1', 'backbone.layer2', 'backbone.layer3'" in \
        message
    with pytest.raises(ConfigError, match="student module 'backbone.conv'"):
        build_sftn(attach_points=[('backbone.layer1', 'backbone.conv')])
    with pytest.raises(ConfigError, match='attach_points=.*explicitly'):
        build_sftn('vgg13', 'resnet8')  # 4 stages vs 3
    with pytest.raises(ConfigError, match='branch_reduction'):
        build_sftn(branch_reduction='max')


def test_explicit_attach_points():
    model = build_sftn(
        'vgg13',
        'resnet8',
        attach_points=[('backbone.layer2', 'backbone.layer2')])
    assert list(model.branches) == ['branch1']
    assert list(model.branches.branch1.tail.backbone._modules) == ['layer3']
    assert model.branches.branch1.transform.conv.in_channels == 256


def test_export_round_trip(tmp_path):
    model = build_sftn()
    model.eval()
    path = str(tmp_path / 'teacher.pth')
    save_teacher(teacher_state_dict(model.state_dict()), path)
    exported = torch.load(path, weights_only=True)  # tensors only
    assert all(isinstance(v, torch.Tensor) for v in exported.values())

    plain = MODELS.build(classifier('resnet20'))
    result = plain.load_state_dict(exported, strict=False)
    assert result.missing_keys == [] and result.unexpected_keys == []
    plain.eval()
    inputs, _ = batch()
    with torch.no_grad():
        expected = model.architecture(inputs, mode='tensor')
        assert torch.equal(plain(inputs, mode='tensor'), expected)

    # a stock MMRazor distiller takes it as teacher_ckpt, config unchanged
    distill = MODELS.build(
        dict(
            type='SingleTeacherDistill',
            architecture=classifier('resnet8'),
            teacher=classifier('resnet20'),
            teacher_ckpt=path,
            distiller=dict(type='ConfigurableDistiller')))
    teacher_sd = distill.teacher.state_dict()
    assert teacher_sd.keys() == exported.keys()
    assert all(torch.equal(teacher_sd[k], exported[k]) for k in exported)


def test_teacher_ckpt_fine_tune_mode(tmp_path):
    source = build_sftn()
    with torch.no_grad():  # differ from any fresh initialisation
        for param in source.architecture.parameters():
            param.add_(1.0)
    path = str(tmp_path / 'standard.pth')
    save_teacher(teacher_state_dict(source.state_dict()), path)
    tuned = build_sftn(teacher_ckpt=path)
    for key, value in source.architecture.state_dict().items():
        assert torch.equal(tuned.architecture.state_dict()[key], value)


def test_teacher_ckpt_of_another_shape_is_one_line(tmp_path):
    state = teacher_state_dict(build_sftn().state_dict())
    state['head.fc.weight'] = state['head.fc.weight'][:5]
    path = str(tmp_path / 'five_classes.pth')
    save_teacher(state, path)
    with pytest.raises(ConfigError, match=r'model.teacher_ckpt = .* does not '
                       r'fit the SFTN teacher .*1 shape mismatches '
                       r'\(head.fc.weight \(5, \d+\) in the checkpoint, '
                       r'\(\d+, \d+\) in the model\)'):
        build_sftn(teacher_ckpt=path)


@pytest.mark.parametrize('path', sorted(
    osp.relpath(path, REPO)
    for path in glob.glob(osp.join(REPO, 'configs', 'sftkd', '*.py'))))
def test_every_sftn_config_builds(path, repo):
    from mmengine.config import Config
    cfg = Config.fromfile(f'{repo}/{path}')
    cfg.model.teacher_ckpt = None  # fine-tune mode needs a trained teacher
    cfg.model.data_preprocessor = cfg.data_preprocessor
    init_default_scope('mmrazor')
    model = MODELS.build(cfg.model)
    stages = stage_paths(model.architecture)
    assert len(model.branches) == len(stages) - 1


def test_student_init_from_branch(tmp_path):
    from mmrazor_sftkd.utils.teacher_export import branch_student_state_dict
    model = build_sftn()  # resnet20 teacher, resnet8 student branches
    partial = branch_student_state_dict(model.state_dict(), 'branch1')
    student = MODELS.build(classifier('resnet8'))
    result = student.load_state_dict(partial, strict=False)
    assert result.unexpected_keys == []
    # only what the branch does not have: the stem and the first stage
    assert {k.split('.')[1] for k in result.missing_keys} == {'stem',
                                                             'layer1'}
    branch = model.branches.branch1
    assert torch.equal(student.backbone.layer3.state_dict()['0.conv1.weight'],
                       branch.tail.backbone.layer3.state_dict()['0.conv1.weight'])
    assert torch.equal(student.head.fc.weight, branch.head.fc.weight)
    with pytest.raises(ConfigError, match="branches found: \\['branch1', "
                       "'branch2'\\]"):
        branch_student_state_dict(model.state_dict(), 'branch7')
