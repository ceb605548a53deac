"""Every cross-entropy of SFTN, IE-DML and CTKD equals the stock head's loss.

The batch goes through MMPretrain's Mixup or CutMix batch augments, which
set ``gt_score``; the heads use a soft-label CE, label smoothing or the plain
CE. Each algorithm's CE term must equal ``head.loss`` of the stock head on
the same features and the same augmented samples.
"""
import copy
import os.path as osp

import mmrazor_sftkd  # noqa: F401  (patches mmrazor before it is imported)
import pytest
import torch
import torch.nn.functional as F
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmpretrain.structures import DataSample
from mmrazor.registry import MODELS

from conftest import REPO

HEAD_LOSSES = {
    'soft_ce': dict(type='CrossEntropyLoss', use_soft=True, loss_weight=1.0),
    'label_smooth': dict(
        type='LabelSmoothLoss', label_smooth_val=0.1, mode='original'),
    'plain_ce': dict(type='CrossEntropyLoss', loss_weight=0.7),
}
AUGMENTS = {
    'mixup': dict(type='Mixup', alpha=1.0),
    'cutmix': dict(type='CutMix', alpha=1.0),
}


def augmented_batch(augment, size=8):
    """A batch after ClsDataPreprocessor with a batch augment (gt_score)."""
    init_default_scope('mmpretrain')
    prep = MODELS.build(
        dict(
            type='mmpretrain.ClsDataPreprocessor',
            num_classes=10,
            batch_augments=dict(augments=[AUGMENTS[augment]])))
    generator = torch.Generator().manual_seed(0)
    data = dict(
        inputs=[
            torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8,
                          generator=generator) for _ in range(size)
        ],
        data_samples=[DataSample().set_gt_label(i % 10)
                      for i in range(size)])
    torch.manual_seed(0)
    data = prep(data, True)
    assert 'gt_score' in data['data_samples'][0]
    return data['inputs'], data['data_samples']


def head_inputs(heads):
    """Record what each head's forward receives (its features)."""
    records = {}
    for name, head in heads.items():

        def hook(module, args, name=name):
            records[name] = args[0]

        head.register_forward_pre_hook(hook)
    return records


def assert_stock(head, feats, samples, value, weight=1.0):
    stock = head.loss(feats, samples)['loss']
    assert torch.allclose(value, weight * stock, atol=1e-6), (value, stock)
    # the unmixed hard labels would give another value
    hard = torch.cat([s.gt_label for s in samples])
    logits = head(feats)
    assert not torch.allclose(stock, F.cross_entropy(logits, hard))


def cifar_classifier(arch, loss):
    return dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='CIFARResNet', arch=arch),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='LinearClsHead',
            num_classes=10,
            in_channels=64,
            loss=copy.deepcopy(loss)))


@pytest.mark.parametrize('augment', sorted(AUGMENTS))
@pytest.mark.parametrize('head_loss', sorted(HEAD_LOSSES))
def test_sftn_teacher_and_branch_ce_are_the_stock_head_loss(
        augment, head_loss):
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    loss = HEAD_LOSSES[head_loss]
    model = MODELS.build(
        dict(
            type='SFTN',
            architecture=cifar_classifier('resnet14', loss),
            student=cifar_classifier('resnet8', loss),
            branch_ce_weight=0.6))
    inputs, samples = augmented_batch(augment)
    heads = {'teacher': model.architecture.head}
    heads.update({n: b.head for n, b in model.branches.items()})
    feats = head_inputs(heads)
    losses = model.loss(inputs, samples)
    assert_stock(heads['teacher'], feats['teacher'], samples,
                 losses['teacher.loss_ce'])
    for name in model.branches:
        assert_stock(heads[name], feats[name], samples,
                     losses[f'{name}.loss_ce'], weight=0.6)
    # and the teacher term is the stock classifier's whole loss
    model.eval()
    losses = model.loss(inputs, samples)
    stock = model.architecture.loss(inputs, samples)['loss']
    assert torch.allclose(losses['teacher.loss_ce'], stock, atol=1e-6)


@pytest.mark.parametrize('augment', sorted(AUGMENTS))
@pytest.mark.parametrize('head_loss', sorted(HEAD_LOSSES))
def test_iedml_peer_ce_is_the_stock_head_loss(augment, head_loss):
    cfg = Config.fromfile(
        osp.join(REPO, 'configs/iekd/iedml_resnet56_resnet20_digits.py'))
    model_cfg = copy.deepcopy(cfg.model)
    for peer in ('peer1', 'peer2'):
        model_cfg[peer]['model']['backbone']['arch'] = 'resnet8'
        model_cfg[peer]['model']['head']['loss'] = HEAD_LOSSES[head_loss]
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    model = MODELS.build(model_cfg)
    inputs, samples = augmented_batch(augment)
    heads = {p: model.peers[p].classifier.head for p in ('peer1', 'peer2')}
    feats = head_inputs(heads)
    losses = model.loss(inputs, samples)
    for peer, head in heads.items():
        assert_stock(head, feats[peer], samples, losses[f'{peer}.loss_ce'])


@pytest.mark.parametrize('augment', sorted(AUGMENTS))
def test_ctkd_student_and_scratch_ce_are_the_stock_head_loss(
        augment, tmp_path):
    cfg = Config.fromfile(
        osp.join(REPO, 'configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py'))
    model_cfg = copy.deepcopy(cfg.model)
    loss = HEAD_LOSSES['soft_ce']
    for key in ('architecture', 'scratch_teacher', 'teacher'):
        model_cfg[key]['backbone']['arch'] = 'resnet8'
        model_cfg[key]['head']['loss'] = loss
    init_default_scope('mmrazor')
    expert = MODELS.build(model_cfg['teacher'])
    torch.save(expert.state_dict(), tmp_path / 'expert.pth')
    model_cfg['teacher_ckpt'] = str(tmp_path / 'expert.pth')
    torch.manual_seed(0)
    model = MODELS.build(model_cfg)
    inputs, samples = augmented_batch(augment)
    heads = {
        'student': model.student.head,
        'scratch': model.scratch_teacher.head
    }
    feats = head_inputs(heads)
    losses = model.loss(inputs, samples)
    for name, head in heads.items():
        assert_stock(head, feats[name], samples, losses[f'{name}.loss'])
