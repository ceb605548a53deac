"""SFTN end to end on digits: train, export, stock KD from the export."""
import ast
import os.path as osp

import pytest
import torch

from conftest import (TINY_DATA, assert_checkpoint_keys_of_one_process,
                      read_scalars, run_tool, val_records)

SFTN_CFG = 'configs/sftkd/sftn_resnet56_resnet20_digits.py'
KD_CFG = 'configs/distill/kd_resnet56_resnet20_digits_sftn.py'
SMALL = ['model.architecture.backbone.arch=resnet8',
         'model.student.backbone.arch=resnet8']


@pytest.mark.slow
def test_sftn_train_export_then_stock_kd(tmp_path):
    work_dir = str(tmp_path / 'sftn')
    run_tool('train.py', SFTN_CFG, '--work-dir', work_dir, '--cfg-options',
             *TINY_DATA, *SMALL, 'train_cfg.max_epochs=2')
    records = read_scalars(work_dir)
    for term in ('teacher.loss_ce', 'branch1.loss_ce', 'branch1.loss_kl',
                 'branch2.loss_ce', 'branch2.loss_kl'):
        assert any(term in r for r in records), term
    val = val_records(work_dir)
    assert 'branch1.accuracy/top1' in val[-1]
    assert 'branch2.accuracy/top1' in val[-1]
    sftn_teacher_acc = val[-1]['accuracy/top1']

    # tools/test.py reports the teacher and every branch of the checkpoint
    # (tested here on the validation split, so the figures must agree)
    result = run_tool('test.py', SFTN_CFG, osp.join(work_dir, 'epoch_2.pth'),
                      '--work-dir', str(tmp_path / 'test'), '--cfg-options',
                      *TINY_DATA, *SMALL,
                      'test_dataloader.dataset.split=val',
                      'test_dataloader.dataset.val_ratio=0.2')
    tested = ast.literal_eval(next(
        line for line in result.stdout.splitlines()
        if line.startswith("{'accuracy/top1'")))
    for key in ('accuracy/top1', 'branch1.accuracy/top1',
                'branch2.accuracy/top1'):
        assert tested[key] == pytest.approx(val[-1][key], abs=1e-4), key

    # the hook wrote a tensors-only teacher next to each kept checkpoint
    export = osp.join(work_dir, 'epoch_2_teacher.pth')
    exported = torch.load(export, weights_only=True)
    assert exported and all(k.startswith(('backbone.', 'neck.', 'head.'))
                            for k in exported)
    # tools/export_teacher.py gives the same tensors from the full file
    again = str(tmp_path / 'again.pth')
    student_init = str(tmp_path / 'student_init.pth')
    run_tool('export_teacher.py', osp.join(work_dir, 'epoch_2.pth'), again,
             '--student-out', student_init)
    assert any(k.startswith('backbone.layer3.')
               for k in torch.load(student_init, weights_only=True))
    second = torch.load(again, weights_only=True)
    assert second.keys() == exported.keys()
    assert all(torch.equal(second[k], exported[k]) for k in exported)

    kd_dir = str(tmp_path / 'kd')
    run_tool('train.py', KD_CFG, '--work-dir', kd_dir, '--cfg-options',
             *TINY_DATA, 'model.teacher.backbone.arch=resnet8',
             'model.architecture.backbone.arch=resnet8',
             f'model.teacher_ckpt={export}', 'train_cfg.max_epochs=1')
    kd_val = val_records(kd_dir)
    # the stock distiller's teacher scores what SFTN logged for it
    assert kd_val[-1]['teacher.accuracy/top1'] == pytest.approx(
        sftn_teacher_acc)


@pytest.mark.slow
def test_sftn_two_process_cpu_ddp(tmp_path):
    work_dir = str(tmp_path / 'ddp')
    result = run_tool('dist_train.sh', SFTN_CFG, 2, '--work-dir', work_dir,
                      '--cfg-options', *TINY_DATA, *SMALL,
                      'train_cfg.max_epochs=1')
    log = result.stdout + result.stderr
    assert 'Distributed training: True' in log
    assert 'GPU number: 2' in log
    assert 'Epoch(train) [1][2/2]' in log
    assert osp.isfile(osp.join(work_dir, 'epoch_1_teacher.pth'))
    assert 'branch1.accuracy/top1' in val_records(work_dir)[-1]
    assert_checkpoint_keys_of_one_process(osp.join(work_dir, 'epoch_1.pth'))
