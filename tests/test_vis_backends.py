"""--vis adds TensorBoard / W&B next to LocalVisBackend; --cfg-options reads
lists of dict(...); a backend whose package is missing is one line."""
import argparse
import glob
import importlib.util
import os.path as osp
import sys
import types

import pytest
from mmengine.config import Config, DictAction

from conftest import REPO, TINY_DATA, run_tool
from mmrazor_sftkd.utils import ConfigError
from mmrazor_sftkd.utils.cli import (VIS_BACKENDS, CfgOptions,
                                     add_vis_backends, parse_dict_value)
from mmrazor_sftkd.utils.preflight import check_vis_backends

CONFIG = osp.join(REPO, 'configs', 'teachers', 'resnet20_digits.py')


def load_train_tool():
    spec = importlib.util.spec_from_file_location(
        'train_tool', osp.join(REPO, 'tools', 'train.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def train_cfg(monkeypatch, *flags):
    """The config as tools/train.py makes it from these command-line flags."""
    tool = load_train_tool()
    monkeypatch.setattr(sys, 'argv', ['train.py', CONFIG, *flags])
    return tool.merge_args(Config.fromfile(CONFIG), tool.parse_args())


def types_of(cfg):
    return [b['type'] for b in cfg.visualizer.vis_backends]


@pytest.mark.parametrize('names', [['tensorboard'], ['wandb'],
                                   ['tensorboard', 'wandb'],
                                   ['wandb', 'tensorboard', 'wandb']])
def test_vis_flag_appends_backends_after_local(monkeypatch, names):
    before = types_of(Config.fromfile(CONFIG))
    assert 'LocalVisBackend' in before
    cfg = train_cfg(monkeypatch, '--vis', *names)
    wanted = list(dict.fromkeys(VIS_BACKENDS[name] for name in names))
    assert types_of(cfg) == before + wanted


def test_without_vis_flag_the_backends_are_unchanged(monkeypatch):
    assert types_of(train_cfg(monkeypatch)) == types_of(
        Config.fromfile(CONFIG))


def test_vis_flag_rejects_unknown_backend(monkeypatch, capsys):
    with pytest.raises(SystemExit):
        train_cfg(monkeypatch, '--vis', 'mlflow')
    assert "invalid choice: 'mlflow'" in capsys.readouterr().err


def test_vis_does_not_add_a_backend_twice():
    cfg = Config(dict(visualizer=dict(
        type='Visualizer',
        vis_backends=[dict(type='LocalVisBackend'),
                      dict(type='mmengine.TensorboardVisBackend')])))
    add_vis_backends(cfg, ['tensorboard'])
    assert types_of(cfg) == [
        'LocalVisBackend', 'mmengine.TensorboardVisBackend'
    ]


def test_vis_without_a_visualizer_keeps_local_first():
    cfg = add_vis_backends(Config(dict()), ['wandb'])
    assert types_of(cfg) == ['LocalVisBackend', 'WandbVisBackend']


def parse_cfg_options(*items, action=CfgOptions):
    parser = argparse.ArgumentParser()
    parser.add_argument('--cfg-options', nargs='+', action=action)
    return parser.parse_args(['--cfg-options', *items]).cfg_options


def test_cfg_options_reads_a_list_of_dicts(monkeypatch):
    value = ("[dict(type='LocalVisBackend'),"
             "dict(type=TensorboardVisBackend, init_kwargs={'n': -1})]")
    options = parse_cfg_options(f'visualizer.vis_backends={value}')
    assert options['visualizer.vis_backends'] == [
        dict(type='LocalVisBackend'),
        dict(type='TensorboardVisBackend', init_kwargs=dict(n=-1))
    ]
    # and through tools/train.py, into the config the Runner gets
    cfg = train_cfg(monkeypatch, '--cfg-options',
                    f'visualizer.vis_backends={value}')
    assert types_of(cfg) == ['LocalVisBackend', 'TensorboardVisBackend']


@pytest.mark.parametrize('item', [
    'a=1', 'a=1,2', 'a=[x,(1,2.5)]', 'a=True', 'a=None', "a='q'",
    'a=epoch_{}.pth', 'a=[1,[2,3]]'
])
def test_cfg_options_without_dict_parse_as_mmengine_does(item):
    assert parse_cfg_options(item) == parse_cfg_options(
        item, action=DictAction)


@pytest.mark.parametrize('item, expected', [
    ('data_root=/my data/cifar é', '/my data/cifar é'),
    ("data_root='/a, b'", '/a, b'),
    ("roots=['/my data', '/other one']", ['/my data', '/other one']),
])
def test_cfg_options_keep_spaces_inside_values(item, expected):
    key = item.split('=')[0]
    assert parse_cfg_options(item)[key] == expected
    # mmengine's own action deletes them
    assert parse_cfg_options(item, action=DictAction)[key] != expected


@pytest.mark.parametrize('value', ["'dict(a=1)'", ' dict(a=1) '])
def test_quotes_and_spaces_around_a_dict_value(value):
    assert parse_dict_value(value) == {'a': 1}


@pytest.mark.parametrize('value',
                         ['dict(a=b.c)', 'dict(**x)', '[dict(a=1)',
                          'dict(1)', 'dict(a=f(1))'])
def test_unreadable_dict_value_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as error:
        parse_cfg_options(f'key={value}')
    assert error.value.code == 2
    assert 'not a Python literal with dict(...)' in capsys.readouterr().err


@pytest.mark.parametrize('kind, module, package', [
    ('TensorboardVisBackend', 'torch.utils.tensorboard', 'tensorboard'),
    ('WandbVisBackend', 'wandb', 'wandb'),
])
def test_missing_backend_package_is_a_config_error(monkeypatch, kind,
                                                   module, package):
    cfg = Config(dict(visualizer=dict(
        type='Visualizer',
        vis_backends=[dict(type='LocalVisBackend'), dict(type=kind)])))
    monkeypatch.setitem(sys.modules, module, None)  # import fails
    with pytest.raises(ConfigError) as error:
        check_vis_backends(cfg)
    assert f'pip install {package}' in str(error.value)
    assert 'vis_backends[1]' in str(error.value)
    monkeypatch.setitem(sys.modules, module, types.ModuleType(module))
    check_vis_backends(cfg)


def test_every_missing_backend_package_is_named(monkeypatch):
    cfg = add_vis_backends(Config(dict()), ['tensorboard', 'wandb'])
    for module in ('torch.utils.tensorboard', 'wandb'):
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ConfigError) as error:
        check_vis_backends(cfg)
    assert str(error.value).endswith('pip install tensorboard wandb')
    assert 'vis_backends[1]' in str(error.value)
    assert 'vis_backends[2]' in str(error.value)


def test_vis_backend_that_is_not_a_dict_is_a_config_error():
    cfg = Config(dict(visualizer=dict(
        type='Visualizer',
        vis_backends=['dict(type=TensorboardVisBackend)'])))
    with pytest.raises(ConfigError, match='must be a dict'):
        check_vis_backends(cfg)


def test_tensorboard_end_to_end(tmp_path):
    pytest.importorskip('tensorboard')
    run_tool('train.py', CONFIG, '--work-dir', tmp_path, '--vis',
             'tensorboard', '--cfg-options', *TINY_DATA,
             'train_cfg.max_epochs=1', 'model.backbone.arch=resnet8',
             'train_dataloader.dataset.indices=32',
             'val_dataloader.dataset.indices=16', timeout=300)
    (vis_data, ) = glob.glob(str(tmp_path / '*' / 'vis_data'))
    assert osp.getsize(osp.join(vis_data, 'scalars.json')) > 0
    events = glob.glob(osp.join(vis_data, 'events.out.tfevents.*'))
    assert events and osp.getsize(events[0]) > 0


def test_default_hooks_are_added_once():
    """A config that train.py dumped already lists its default hooks: they
    are not added again (a second ExactResumeHook would validate twice)."""
    from mmengine.config import Config

    from mmrazor_sftkd.utils.cli import add_default_hooks
    defaults = [dict(type='mmrazor.ComputeTimeHook'),
                dict(type='mmrazor.ExactResumeHook')]
    cfg = Config(dict(custom_hooks=[dict(type='EMAHook')]))
    add_default_hooks(cfg, defaults)
    assert [h['type'] for h in cfg.custom_hooks] == [
        'EMAHook', 'mmrazor.ComputeTimeHook', 'mmrazor.ExactResumeHook']
    dumped = Config(dict(custom_hooks=[dict(type='ExactResumeHook')]))
    add_default_hooks(dumped, defaults)  # named without the scope
    assert [h['type'] for h in dumped.custom_hooks] == [
        'ExactResumeHook', 'mmrazor.ComputeTimeHook']
    add_default_hooks(cfg, defaults)
    assert len(cfg.custom_hooks) == 3
