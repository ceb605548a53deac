"""SFTN with MMPretrain's stock backbones: build, train, validate, export.

Each pair builds an SFTN model with the default attach points, trains two
steps, validates every network, exports the teacher and loads the export
strictly into a plain classifier and into a stock MMRazor
``SingleTeacherDistill``. Widths are cut where the backbone allows it, so
that the whole table runs in seconds on a CPU.
"""
import copy

import mmrazor_sftkd  # noqa: F401  (patches mmrazor before it is imported)
import pytest
import torch
from mmengine.optim import build_optim_wrapper
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.registry import MODELS

from mmrazor_sftkd.models.algorithms.sftn import stage_paths
from mmrazor_sftkd.utils import ConfigError
from mmrazor_sftkd.utils.teacher_export import save_teacher, \
    teacher_state_dict

SMALL_CONVNEXT = dict(depths=[1, 1, 2, 1], channels=[16, 32, 64, 128])
#: backbone config, head input width, neck (None: the backbone pools)
BACKBONES = {
    'resnet18': (dict(type='ResNet', depth=18), 512, 'gap'),
    'resnet34': (dict(type='ResNet', depth=34), 512, 'gap'),
    'resnet50': (dict(type='ResNet', depth=50), 2048, 'gap'),
    'resnetv1c50': (dict(type='ResNetV1c', depth=50), 2048, 'gap'),
    'resnetv1d18': (dict(type='ResNetV1d', depth=18), 512, 'gap'),
    'resnet_cifar18': (dict(type='ResNet_CIFAR', depth=18), 512, 'gap'),
    'mobilenetv2': (dict(type='MobileNetV2', widen_factor=0.5), 1280, 'gap'),
    'mobilenetv3': (dict(type='MobileNetV3', arch='small'), 576, 'gap'),
    'shufflenetv2': (dict(type='ShuffleNetV2', widen_factor=0.5), 1024,
                     'gap'),
    'regnet': (dict(type='RegNet', arch='regnetx_400mf'), 384, 'gap'),
    'convnext': (dict(type='ConvNeXt', arch=SMALL_CONVNEXT,
                      drop_path_rate=0.1), 128, None),
    'efficientnet': (dict(type='EfficientNet', arch='b0'), 1280, 'gap'),
    'cifar_resnet20': (dict(type='CIFARResNet', arch='resnet20'), 64, 'gap'),
    'vit': (dict(type='VisionTransformer', arch='deit-tiny', img_size=64,
                 patch_size=16), 192, None),
}

PAIRS = [
    ('resnet34', 'resnet18'),  # BasicBlock, ImageNet's standard pair
    ('resnet50', 'resnet18'),  # Bottleneck teacher
    ('resnet34', 'mobilenetv2'),  # heterogeneous, 4 vs 8 stages
    ('convnext', 'resnet18'),  # ConvNeXt teacher
    ('resnet18', 'convnext'),  # ConvNeXt student: downsamples, final norm
    ('convnext', 'convnext'),
    ('resnetv1c50', 'resnetv1d18'),  # deep stems
    ('cifar_resnet20', 'resnet_cifar18'),  # 3 stages vs 4, by resolution
    ('resnet18', 'mobilenetv3'),
    ('resnet18', 'shufflenetv2'),
    ('regnet', 'resnet18'),
    ('efficientnet', 'mobilenetv2'),
    ('resnet34', 'efficientnet'),
]


def classifier(name, num_classes=10):
    backbone, channels, neck = BACKBONES[name]
    head = 'VisionTransformerClsHead' if name == 'vit' else 'LinearClsHead'
    return dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=copy.deepcopy(backbone),
        neck=dict(type='GlobalAveragePooling') if neck else None,
        head=dict(
            type=head,
            num_classes=num_classes,
            in_channels=channels,
            loss=dict(type='CrossEntropyLoss')))


def build_sftn(teacher, student, **kwargs):
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    return MODELS.build(
        dict(
            type='SFTN',
            architecture=classifier(teacher),
            student=classifier(student),
            input_size=(64, 64),
            data_preprocessor=dict(
                type='mmpretrain.ClsDataPreprocessor',
                mean=[127.5] * 3,
                std=[64.0] * 3),
            **kwargs))


def batch(seed, size=4):
    generator = torch.Generator().manual_seed(seed)
    return dict(
        inputs=[
            torch.randint(0, 256, (3, 64, 64), dtype=torch.uint8,
                          generator=generator) for _ in range(size)
        ],
        data_samples=[DataSample().set_gt_label(i % 10)
                      for i in range(size)])


@pytest.mark.parametrize('teacher, student', PAIRS)
def test_pair_trains_validates_exports_and_reloads_strictly(
        teacher, student, tmp_path):
    model = build_sftn(teacher, student)
    model.init_weights()
    # a branch after every teacher stage but the last
    assert len(model.branches) == len(stage_paths(model.architecture)) - 1
    optim = build_optim_wrapper(
        model, dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9)))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model.train()
    for step in range(2):
        log = model.train_step(batch(step), optim)
        assert torch.isfinite(log['loss'])
    changed = [k for k, v in model.state_dict().items()
               if not torch.equal(v, before[k])]
    assert any(k.startswith('architecture.backbone') for k in changed)
    for name in model.branches:
        assert any(k.startswith(f'branches.{name}.tail.') for k in changed)

    model.eval()
    data = model.data_preprocessor(batch(7), False)
    with torch.no_grad():
        outputs = model.predict_all(**data)
    assert list(outputs) == ['teacher', *model.branches]
    for predictions in outputs.values():
        assert len(predictions) == 4
        assert predictions[0].pred_score.shape == (10, )

    path = str(tmp_path / 'teacher.pth')
    save_teacher(teacher_state_dict(model.state_dict()), path)
    exported = torch.load(path, weights_only=True)
    init_default_scope('mmrazor')
    plain = MODELS.build(classifier(teacher))
    plain.load_state_dict(exported, strict=True)
    plain.eval()
    with torch.no_grad():
        assert torch.equal(
            plain(data['inputs'], mode='tensor'),
            model.architecture(data['inputs'], mode='tensor'))
    distill = MODELS.build(
        dict(
            type='SingleTeacherDistill',
            architecture=classifier(student),
            teacher=classifier(teacher),
            teacher_ckpt=path,
            distiller=dict(type='ConfigurableDistiller')))
    distill.teacher.load_state_dict(exported, strict=True)
    assert distill.teacher.state_dict().keys() == exported.keys()


def test_convnext_student_keeps_its_downsamples_and_final_norm():
    model = build_sftn('resnet18', 'convnext')
    (t_name, s_name) = model.attach_points[1]
    assert s_name == 'backbone.stages.1'
    tail = model.branches.branch2.tail
    called = [n.target for n in tail.graph.nodes if n.op == 'call_module']
    assert called == [
        'backbone.downsample_layers.2', 'backbone.stages.2',
        'backbone.downsample_layers.3', 'backbone.stages.3',
        'backbone.norm3', 'head'
    ]
    # nothing before the attach point is kept, so nothing is recomputed
    modules = dict(tail.named_modules())
    assert not any(name.startswith(('backbone.stages.0', 'backbone.stages.1',
                                    'backbone.downsample_layers.0',
                                    'backbone.downsample_layers.1'))
                   for name in modules)
    # the same computation as the student's own forward from that point
    student = model._branch_students[1]
    student.eval()
    tail.eval()
    x = torch.randn(2, 32, 8, 8)
    with torch.no_grad():
        expected = student.backbone.stages[2](
            student.backbone.downsample_layers[2](x))
        expected = student.backbone.stages[3](
            student.backbone.downsample_layers[3](expected))
        expected = student.backbone.norm3(
            expected.mean([-2, -1], keepdim=True)).flatten(1)
        expected = student.head.fc(expected)
        assert torch.allclose(tail(x), expected, atol=1e-6)


def test_mobilenetv2_student_keeps_its_final_conv():
    model = build_sftn('resnet34', 'mobilenetv2')
    tail = model.branches.branch3.tail
    called = [n.target for n in tail.graph.nodes if n.op == 'call_module']
    assert model.attach_points[2] == ('backbone.layer3', 'backbone.layer5')
    assert called == ['backbone.layer6', 'backbone.layer7', 'backbone.conv2',
                      'neck', 'head']


def test_any_module_path_attaches():
    model = build_sftn(
        'resnet34',
        'resnet18',
        attach_points=[('backbone.layer2.3', 'backbone.layer2.1'),
                       ('backbone.layer3.0.conv2', 'backbone.layer3.0')])
    assert [b.transform.conv.in_channels
            for b in model.branches.values()] == [128, 256]
    called = [n.target for n in model.branches.branch2.tail.graph.nodes
              if n.op == 'call_module']
    assert called[:2] == ['backbone.layer3.1', 'backbone.layer4']


def test_token_features_are_refused_with_one_clear_error():
    with pytest.raises(ConfigError, match=r"SFTN teacher: 'backbone.layers.0'"
                       r" returns a feature of shape \(2, 17, 192\)"):
        build_sftn('vit', 'resnet18')
    with pytest.raises(ConfigError, match='SFTN student: .*Token features'):
        build_sftn('resnet18', 'vit')


def test_bad_student_attach_points_are_config_errors():
    # the last stage: no student backbone module would be left
    with pytest.raises(ConfigError, match='no student backbone module runs '
                       "after 'backbone.layer4'"):
        build_sftn('resnet34', 'resnet18',
                   attach_points=[('backbone.layer3', 'backbone.layer4')])
    # a module that the forward never calls (the head's loss module)
    with pytest.raises(ConfigError, match="'head.loss_module'] never run"):
        build_sftn('resnet34', 'resnet18',
                   attach_points=[('head.loss_module', 'backbone.layer1')])
    # an out_indices entry before the attach point needs the early layers
    init_default_scope('mmrazor')
    student = classifier('resnet18')
    student['backbone']['out_indices'] = (0, 3)
    with pytest.raises(ConfigError, match='depend on modules before'):
        MODELS.build(
            dict(
                type='SFTN',
                architecture=classifier('resnet34'),
                student=student,
                input_size=(64, 64),
                attach_points=[('backbone.layer2', 'backbone.layer2')]))


def test_pretrained_init_reaches_the_teacher_and_every_branch(tmp_path):
    init_default_scope('mmrazor')
    files = {}
    for role, name in (('teacher', 'resnet34'), ('student', 'resnet18')):
        torch.manual_seed(1)
        source = MODELS.build(classifier(name))
        with torch.no_grad():  # unlike any fresh initialisation
            for param in source.parameters():
                param.uniform_(-1, 1)
        files[role] = (str(tmp_path / f'{role}.pth'), source.state_dict())
        torch.save(source.state_dict(), files[role][0])
    teacher, student = classifier('resnet34'), classifier('resnet18')
    teacher['init_cfg'] = dict(type='Pretrained',
                               checkpoint=files['teacher'][0])
    student['init_cfg'] = dict(type='Pretrained',
                               checkpoint=files['student'][0])
    model = MODELS.build(
        dict(type='SFTN', architecture=teacher, student=student,
             input_size=(64, 64)))
    model.init_weights()
    expected = files['teacher'][1]
    for key, value in model.architecture.state_dict().items():
        assert torch.equal(value, expected[key]), key
    expected = files['student'][1]
    for name, branch in model.branches.items():
        tail = branch.tail.state_dict()
        assert any(key.startswith('backbone.layer4') for key in tail)
        for key, value in tail.items():
            assert torch.equal(value, expected[key]), (name, key)
