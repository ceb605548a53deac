"""IE-KD and IE-DML end to end on digits, through tools/train.py."""
import os.path as osp

import mmrazor_sftkd  # noqa: F401  (patches mmrazor before it is imported)
import pytest
import torch
from mmengine.registry import init_default_scope
from mmrazor.registry import MODELS

from conftest import (TINY_DATA, assert_checkpoint_keys_of_one_process,
                      read_scalars, run_tool, val_records)

AE_CFG = 'configs/iekd/ae_resnet56_digits.py'
IEKD_CFG = 'configs/iekd/iekd_resnet56_resnet20_digits.py'
IEDML_CFG = 'configs/iekd/iedml_resnet56_resnet20_digits.py'
SMALL = ['model.teacher.backbone.arch=resnet8',
         'model.architecture.backbone.arch=resnet8']


def random_split(seed):
    return [
        f'model.distiller.connectors.ie_{part}.0.{key}={value}'
        for part in ('inherit', 'explore')
        for key, value in (('mode', 'random'), ('seed', seed))
    ]


def plain_teacher(path):
    """A resnet8 classifier saved as a plain, tensors-only state_dict (the
    format of an SFTN teacher export), with non-default BN statistics."""
    init_default_scope('mmrazor')
    torch.manual_seed(0)
    model = MODELS.build(
        dict(
            _scope_='mmpretrain',
            type='ImageClassifier',
            backbone=dict(type='CIFARResNet', arch='resnet8'),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(type='LinearClsHead', num_classes=10,
                      in_channels=64)))
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2)
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    torch.save(weights, path)
    return weights


def sub_state(checkpoint, prefix):
    state = torch.load(checkpoint, weights_only=False)['state_dict']
    return {
        k[len(prefix):]: v
        for k, v in state.items() if k.startswith(prefix)
    }


def assert_same(expected, actual):
    assert expected and expected.keys() == actual.keys()
    for key, value in expected.items():
        assert torch.equal(value, actual[key]), key


@pytest.mark.slow
def test_ae_stage_then_ie_kd_then_resume(tmp_path):
    teacher_ckpt = str(tmp_path / 'teacher.pth')
    teacher = plain_teacher(teacher_ckpt)

    # stage 1: the auto-encoder on the frozen teacher
    ae_dir = str(tmp_path / 'ae')
    run_tool('train.py', AE_CFG, '--work-dir', ae_dir, '--cfg-options',
             *TINY_DATA, *SMALL, f'model.teacher_ckpt={teacher_ckpt}',
             'train_cfg.max_epochs=1', 'train_cfg.val_interval=1')
    ae_ckpt = osp.join(ae_dir, 'epoch_1.pth')
    rec = [r['distill.loss_rec'] for r in read_scalars(ae_dir)
           if 'distill.loss_rec' in r]
    assert len(rec) == 4 and all(v > 0 for v in rec)
    assert_same(teacher, sub_state(ae_ckpt, 'teacher.'))
    teacher_acc = val_records(ae_dir)[-1]['teacher.accuracy/top1']
    auto_encoder = sub_state(ae_ckpt, 'distiller.connectors.ie_teacher_ae.')
    assert any(k.startswith('decoder.') for k in auto_encoder)

    # stage 2: IE + KD, random split from seed 7
    ie_dir = str(tmp_path / 'iekd')
    common = [*TINY_DATA, *SMALL, f'model.teacher_ckpt={teacher_ckpt}',
              f'model.distiller.init_cfg.checkpoint={ae_ckpt}']
    run_tool('train.py', IEKD_CFG, '--work-dir', ie_dir, '--cfg-options',
             *common, *random_split(7), 'train_cfg.max_epochs=1')
    records = read_scalars(ie_dir)
    train = [r for r in records if 'distill.loss_inh' in r]
    assert len(train) == 4
    assert all(r['distill.loss_inh'] > 0 > r['distill.loss_exp'] and
               'distill.loss_kl' in r for r in train)
    val = val_records(ie_dir)
    # the plain state_dict was loaded as the teacher: same score as stage 1
    assert val[-1]['teacher.accuracy/top1'] == pytest.approx(teacher_acc)
    first = osp.join(ie_dir, 'epoch_1.pth')
    # frozen through stage 2: teacher and its auto-encoder, BN included
    assert_same(teacher, sub_state(first, 'teacher.'))
    assert_same(auto_encoder,
                sub_state(first, 'distiller.connectors.ie_teacher_ae.'))
    inherit = sub_state(first, 'distiller.connectors.ie_inherit.')
    explore = sub_state(first, 'distiller.connectors.ie_explore.')
    order = inherit['0.channel_order']
    assert torch.equal(order, explore['0.channel_order'])
    assert sorted(order.tolist()) == list(range(64))
    assert order.tolist() != list(range(64))

    # resume with another seed in the config: the checkpoint's split wins
    result = run_tool('train.py', IEKD_CFG, '--work-dir', ie_dir,
                      '--resume', '--cfg-options', *common,
                      *random_split(8), 'train_cfg.max_epochs=2')
    assert 'resumed epoch: 1' in result.stdout + result.stderr
    second = osp.join(ie_dir, 'epoch_2.pth')
    assert torch.load(second, weights_only=False)['meta']['epoch'] == 2
    init_default_scope('mmrazor')
    seed8 = MODELS.build(
        dict(type='IEChannelSplit', in_channels=64, part='inheritance',
             mode='random', seed=8)).channel_order
    assert not torch.equal(seed8, order)
    for part in ('inherit', 'explore'):
        resumed = sub_state(second, f'distiller.connectors.ie_{part}.')
        assert torch.equal(resumed['0.channel_order'], order), part
    assert_same(teacher, sub_state(second, 'teacher.'))


@pytest.mark.slow
def test_iedml_two_process_cpu_ddp(tmp_path):
    work_dir = str(tmp_path / 'iedml')
    result = run_tool('dist_train.sh', IEDML_CFG, 2, '--work-dir', work_dir,
                      '--cfg-options', *TINY_DATA,
                      'model.peer1.model.backbone.arch=resnet8',
                      'model.peer2.model.backbone.arch=resnet8',
                      'train_cfg.max_epochs=1')
    log = result.stdout + result.stderr
    assert 'Distributed training: True' in log
    assert 'GPU number: 2' in log
    # 256 images, batch 64 per process, 2 processes: 2 iterations
    assert 'Epoch(train) [1][2/2]' in log
    train = [r for r in read_scalars(work_dir) if 'peer1.loss_inh' in r]
    assert train
    for peer in ('peer1', 'peer2'):
        for term in ('ce', 'kl', 'inh', 'exp', 'rec'):
            assert f'{peer}.loss_{term}' in train[-1]
        assert f'{peer}.lr' in train[-1]
    val = val_records(work_dir)
    assert val and 'peer2.accuracy/top1' in val[-1]
    checkpoint = torch.load(
        osp.join(work_dir, 'epoch_1.pth'), weights_only=False)
    state = checkpoint['state_dict']
    assert any(k.startswith('peer1.classifier.backbone.') for k in state)
    assert any(k.startswith('peer2.classifier.backbone.') for k in state)
    assert not any('.module.' in k or k.startswith('module.') for k in state)
    assert_checkpoint_keys_of_one_process(osp.join(work_dir, 'epoch_1.pth'))
    optimizer = checkpoint['optimizer']
    assert set(optimizer) >= {'peer1', 'peer2'}
    assert all(optimizer[p]['state'] for p in ('peer1', 'peer2'))
