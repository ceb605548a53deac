"""End to end through tools/: teacher, stock MMRazor KD, resume, DDP."""
import os.path as osp

import pytest
import torch

from conftest import TINY_DATA, read_scalars, run_tool, val_records

TEACHER_CFG = 'configs/teachers/resnet56_digits.py'
KD_CFG = 'configs/distill/kd_resnet56_resnet20_digits.py'
SMALL_TEACHER = ['model.backbone.arch=resnet8']


def train_teacher(work_dir, epochs):
    run_tool('train.py', TEACHER_CFG, '--work-dir', work_dir, '--cfg-options',
             *TINY_DATA, *SMALL_TEACHER, f'train_cfg.max_epochs={epochs}')
    return osp.join(work_dir, f'epoch_{epochs}.pth')


@pytest.mark.slow
def test_teacher_then_stock_kd(tmp_path):
    teacher_dir = str(tmp_path / 'teacher')
    ckpt = train_teacher(teacher_dir, epochs=2)
    assert osp.isfile(ckpt)
    teacher_acc = val_records(teacher_dir)[-1]['accuracy/top1']

    kd_dir = str(tmp_path / 'kd')
    run_tool('train.py', KD_CFG, '--work-dir', kd_dir, '--cfg-options',
             *TINY_DATA, 'model.teacher.backbone.arch=resnet8',
             'model.architecture.backbone.arch=resnet8',
             f'model.teacher_ckpt={ckpt}', 'train_cfg.max_epochs=1')
    records = read_scalars(kd_dir)
    train = [r for r in records if 'distill.loss_kl' in r]
    assert train and all(r['distill.loss_kl'] > 0 for r in train)
    val = val_records(kd_dir)
    assert val, 'KD run did not validate'
    # The teacher loaded from the checkpoint scores exactly what it scored
    # at the end of its own training (same data, eval mode): it was loaded.
    assert val[-1]['teacher.accuracy/top1'] == pytest.approx(teacher_acc)
    assert 0 <= val[-1]['accuracy/top1'] <= 100

    # tools/test.py evaluates the distilled student checkpoint (here on the
    # validation split, so that it must give the validation figure)
    result = run_tool('test.py', KD_CFG, osp.join(kd_dir, 'epoch_1.pth'),
                      '--work-dir', str(tmp_path / 'test'), '--cfg-options',
                      *TINY_DATA, 'model.teacher.backbone.arch=resnet8',
                      'model.architecture.backbone.arch=resnet8',
                      f'model.teacher_ckpt={ckpt}',
                      'test_dataloader.dataset.split=val',
                      'test_dataloader.dataset.val_ratio=0.2')
    assert f"'accuracy/top1': {round(val[-1]['accuracy/top1'], 4)}" in \
        result.stdout


@pytest.mark.slow
def test_resume_continues_from_checkpoint(tmp_path):
    work_dir = str(tmp_path / 'teacher')
    ckpt = train_teacher(work_dir, epochs=1)
    first = torch.load(ckpt, weights_only=False)
    result = run_tool('train.py', TEACHER_CFG, '--work-dir', work_dir,
                      '--resume', '--cfg-options', *TINY_DATA,
                      *SMALL_TEACHER, 'train_cfg.max_epochs=2')
    log = result.stdout + result.stderr
    assert 'resumed epoch: 1' in log
    assert 'Epoch(train) [1]' not in log and 'Epoch(train) [2]' in log
    second = torch.load(osp.join(work_dir, 'epoch_2.pth'), weights_only=False)
    assert second['meta']['epoch'] == 2
    # the optimizer state went on from the first run: momentum buffers exist
    # and differ from those saved after epoch 1
    state1 = first['optimizer']['state']
    state2 = second['optimizer']['state']
    assert state1.keys() == state2.keys() and state1
    key = next(iter(state1))
    assert not torch.equal(state1[key]['momentum_buffer'],
                           state2[key]['momentum_buffer'])


@pytest.mark.slow
def test_two_process_cpu_ddp(tmp_path):
    work_dir = str(tmp_path / 'ddp')
    result = run_tool('dist_train.sh', TEACHER_CFG, 2, '--work-dir', work_dir,
                      '--cfg-options', *TINY_DATA, *SMALL_TEACHER,
                      'train_cfg.max_epochs=1')
    log = result.stdout + result.stderr
    assert 'Distributed launcher: pytorch' in log
    assert 'Distributed training: True' in log
    assert 'GPU number: 2' in log  # mmengine's label for the world size
    # 256 training images, batch 64 per process, 2 processes: 2 iterations
    assert 'Epoch(train) [1][2/2]' in log
    assert osp.isfile(osp.join(work_dir, 'epoch_1.pth'))
    assert val_records(work_dir)
