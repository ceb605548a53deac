"""Checkpoints that cannot be read, or do not fit their network, are refused."""
import pytest
import torch
from mmengine.config import Config
from torch import nn

from mmrazor_sftkd.compat import load_weights_only
from mmrazor_sftkd.utils import ConfigError, check_checkpoints_fit
from mmrazor_sftkd.utils.checkpoint_fit import (check_checkpoint_fits,
                                                load_fitting_checkpoint,
                                                state_dict_mismatch)


def small_net(width=4):
    return nn.Sequential(nn.Conv2d(3, width, 3), nn.BatchNorm2d(width),
                         nn.Flatten(), nn.Linear(width, 2))


def test_a_fitting_state_dict_has_no_mismatch():
    assert state_dict_mismatch(small_net(), small_net().state_dict()) == ''


def test_bn_batch_counters_may_be_missing():
    state = {key: value for key, value in small_net().state_dict().items()
             if not key.endswith('num_batches_tracked')}
    assert state_dict_mismatch(small_net(), state) == ''


def test_missing_unexpected_and_shape_mismatches_are_counted_and_named():
    state = small_net(width=8).state_dict()
    del state['0.bias']
    state['extra.weight'] = torch.zeros(1)
    problem = state_dict_mismatch(small_net(), state)
    assert problem.startswith('1 of its 9 keys missing (0.bias); '
                              '1 unexpected keys (extra.weight); '
                              '6 shape mismatches (0.weight (8, 3, 3, 3) in '
                              'the checkpoint, (4, 3, 3, 3) in the model, '), \
        problem
    assert problem.endswith('... 3 more)'), problem


@pytest.mark.parametrize('wrapped', [False, True])
def test_runner_checkpoint_with_module_prefix_fits(tmp_path, wrapped):
    source = small_net()
    state = source.state_dict()
    if wrapped:  # saved from a DDP-wrapped model
        state = {f'module.{key}': value for key, value in state.items()}
    torch.save({'state_dict': state, 'meta': {}}, tmp_path / 'ckpt.pth')
    target = small_net()
    load_fitting_checkpoint(target, str(tmp_path / 'ckpt.pth'), 'load_from',
                            'the net')
    for key, value in source.state_dict().items():
        assert torch.equal(target.state_dict()[key], value)


def test_a_checkpoint_that_does_not_fit_is_one_line(tmp_path):
    torch.save(small_net(width=8).state_dict(), tmp_path / 'wide.pth')
    target = small_net()
    before = {k: v.clone() for k, v in target.state_dict().items()}
    with pytest.raises(ConfigError) as error:
        load_fitting_checkpoint(target, str(tmp_path / 'wide.pth'),
                                'model.teacher_ckpt', 'model.teacher')
    message = str(error.value)
    assert '\n' not in message
    assert message.startswith(f"model.teacher_ckpt = "
                              f"'{tmp_path / 'wide.pth'}' does not fit "
                              'model.teacher: 7 shape mismatches'), message
    # an algorithm's own load has no opt-out
    assert 'allow_partial_checkpoints' not in message
    # nothing was loaded
    assert all(torch.equal(v, before[k])
               for k, v in target.state_dict().items())


def test_allow_partial_checkpoints_opts_out(tmp_path):
    torch.save(small_net(width=8).state_dict(), tmp_path / 'wide.pth')
    cfg = Config(dict(model=dict(), load_from=str(tmp_path / 'wide.pth')))
    with pytest.raises(ConfigError, match='does not fit the Sequential.*'
                       'set allow_partial_checkpoints = True'):
        check_checkpoints_fit(small_net(), cfg)
    cfg.allow_partial_checkpoints = True
    check_checkpoints_fit(small_net(), cfg)


def test_teacher_ckpt_is_checked_against_the_teacher(tmp_path):
    distill = nn.Module()
    distill.teacher = small_net()
    distill.student = small_net(width=8)
    torch.save(small_net().state_dict(), tmp_path / 'teacher.pth')
    cfg = Config(dict(model=dict(teacher_ckpt=str(tmp_path / 'teacher.pth'))))
    check_checkpoints_fit(distill, cfg)
    torch.save(small_net(width=8).state_dict(), tmp_path / 'teacher.pth')
    with pytest.raises(ConfigError, match='does not fit model.teacher'):
        check_checkpoints_fit(distill, cfg)


def _write(path, kind):
    if kind == 'empty':
        path.write_bytes(b'')
        return
    if kind == 'text':
        path.write_text('not a checkpoint, just text\n')
        return
    torch.save({'w': torch.zeros(1000)}, path,
               _use_new_zipfile_serialization=kind != 'legacy truncated')
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


@pytest.mark.parametrize('kind', ['empty', 'truncated', 'legacy truncated',
                                  'text'])
def test_unreadable_file_is_one_line_naming_it(tmp_path, kind):
    path = tmp_path / 'broken.pth'
    _write(path, kind)
    with pytest.raises(ConfigError) as error:
        load_weights_only(str(path))
    message = str(error.value)
    assert '\n' not in message
    assert message.startswith(f"checkpoint '{path}' is truncated, corrupt or "
                              'not a torch checkpoint: '), message
    if kind == 'empty':
        assert 'the file is empty (0 bytes)' in message
    else:
        assert f'{path.stat().st_size} bytes that torch cannot read' \
            in message


def test_missing_file_keeps_its_own_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_weights_only(str(tmp_path / 'nope.pth'))


def test_check_checkpoint_fits_reads_runner_checkpoints(tmp_path):
    torch.save({'state_dict': small_net().state_dict()}, tmp_path / 'c.pth')
    check_checkpoint_fits(small_net(), str(tmp_path / 'c.pth'), 'load_from',
                          'the net')
