"""CTKD (collaborative teaching) end to end on digits through tools/."""
import os.path as osp

import pytest

from conftest import (TINY_DATA, assert_checkpoint_keys_of_one_process,
                      read_scalars, run_tool, val_records)

TEACHER_CFG = 'configs/teachers/resnet56_digits.py'
CTKD_CFG = 'configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py'
CTKD_SEP_CFG = 'configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits_sepoptim.py'
SMALL = [
    'model.architecture.backbone.arch=resnet8',
    'model.scratch_teacher.backbone.arch=resnet8',
    'model.teacher.backbone.arch=resnet8',
]


@pytest.fixture(scope='module')
def expert(tmp_path_factory):
    """A 1-epoch resnet8 expert: (checkpoint, its final val top-1)."""
    work_dir = str(tmp_path_factory.mktemp('ctkd_expert'))
    run_tool('train.py', TEACHER_CFG, '--work-dir', work_dir, '--cfg-options',
             *TINY_DATA, 'model.backbone.arch=resnet8',
             'train_cfg.max_epochs=1')
    ckpt = osp.join(work_dir, 'epoch_1.pth')
    assert osp.isfile(ckpt)
    return ckpt, val_records(work_dir)[-1]['accuracy/top1']


@pytest.mark.slow
def test_ctkd_digits_end_to_end(expert, tmp_path):
    ckpt, expert_acc = expert
    work_dir = str(tmp_path / 'ctkd')
    run_tool('train.py', CTKD_CFG, '--work-dir', work_dir, '--cfg-options',
             *TINY_DATA, *SMALL, f'model.teacher_ckpt={ckpt}',
             'train_cfg.max_epochs=1')
    records = read_scalars(work_dir)
    train = [r for r in records if 'distill.loss_guide' in r]
    assert len(train) == 4  # 256 images, batch 64
    for key in ('scratch.loss', 'student.loss', 'distill.loss_at1',
                'distill.loss_at2', 'distill.loss_at3'):
        assert all(r[key] > 0 for r in train), key
    val = val_records(work_dir)
    assert len(val) == 1
    for key in ('accuracy/top1', 'scratch.accuracy/top1'):
        assert 0 <= val[-1][key] <= 100
    # the expert validated in this run scores exactly what it scored at the
    # end of its own training: loaded, frozen, BN in eval mode
    assert val[-1]['expert.accuracy/top1'] == pytest.approx(expert_acc)
    assert osp.isfile(osp.join(work_dir, 'epoch_1.pth'))


@pytest.mark.slow
@pytest.mark.parametrize('separate', [True, False])
def test_ctkd_two_process_cpu_ddp(expert, tmp_path, separate):
    ckpt, expert_acc = expert
    work_dir = str(tmp_path / 'ddp')
    result = run_tool('dist_train.sh', CTKD_SEP_CFG if separate else CTKD_CFG,
                      2, '--work-dir',
                      work_dir, '--cfg-options', *TINY_DATA, *SMALL,
                      f'model.teacher_ckpt={ckpt}', 'train_cfg.max_epochs=1')
    log = result.stdout + result.stderr
    assert 'Distributed training: True' in log
    assert 'GPU number: 2' in log  # mmengine's label for the world size
    # 256 training images, batch 64 per process, 2 processes: 2 iterations
    assert 'Epoch(train) [1][2/2]' in log
    train = [r for r in read_scalars(work_dir) if 'student.loss' in r]
    assert train
    if separate:  # one LR per optimizer (OptimWrapperDict) in the log
        assert 'architecture.lr' in train[-1] \
            and 'scratch_teacher.lr' in train[-1]
    val = val_records(work_dir)
    assert val[-1]['expert.accuracy/top1'] == pytest.approx(expert_acc)
    assert osp.isfile(osp.join(work_dir, 'epoch_1.pth'))
    assert_checkpoint_keys_of_one_process(osp.join(work_dir, 'epoch_1.pth'))
