"""Each fix in mmrazor_sftkd.compat, checked on the installed stack."""
import os
import os.path as osp
import pickle
import subprocess
import sys
import textwrap

import pytest
import torch
import torch.nn as nn

import mmrazor_sftkd  # noqa: F401  (applies the fixes)
from mmrazor_sftkd import compat

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))


def run_python(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=REPO)
    env.pop('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', None)
    return subprocess.run([sys.executable, '-c', textwrap.dedent(code)],
                          capture_output=True,
                          text=True,
                          env=env,
                          cwd=REPO,
                          timeout=300)


# -- 1. mmrazor quantization backend configs -----------------------------


def test_mmrazor_imports_after_plugin():
    result = run_python("""
        import mmrazor_sftkd
        import mmrazor.models, mmrazor.engine, mmrazor.structures
        from mmrazor.utils import register_all_modules
        register_all_modules()
        from mmrazor.registry import MODELS
        assert MODELS.get('SingleTeacherDistill') is not None
        print('ok')
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith('ok')


def test_quantization_stub_only_where_needed():
    needed = not compat._torch_has_mmrazor_quantization_api()
    assert compat.applied_fixes()[
        'skip_mmrazor_quantization_backend_configs'] is needed
    bare = run_python('import mmrazor.models')
    # Without the plugin, mmrazor imports exactly when the fix is not needed.
    assert (bare.returncode != 0) is needed, bare.stderr[-2000:]
    if needed:
        assert 'torch>=1.13' in bare.stderr


@pytest.mark.skipif(
    compat._torch_has_mmrazor_quantization_api(),
    reason='this torch still has the APIs mmrazor quantization needs')
def test_quantization_stub_behaviour():
    from mmrazor.structures.quantization import (BackendConfigs,
                                                 get_native_backend_config)
    assert set(BackendConfigs) == {'academic', 'native', 'tensorrt',
                                   'openvino'}
    assert all(value is None for value in BackendConfigs.values())
    with pytest.raises(RuntimeError, match='distillation never needs them'):
        get_native_backend_config()


# -- 2. HistoryBuffer pickles as data -------------------------------------


def pickled_globals(path):
    """The globals a zip checkpoint's pickle names (torch < 2.5 has no
    ``get_unsafe_globals_in_checkpoint``)."""
    if hasattr(torch.serialization, 'get_unsafe_globals_in_checkpoint'):
        return torch.serialization.get_unsafe_globals_in_checkpoint(path)
    import pickletools
    import zipfile
    with zipfile.ZipFile(path) as archive:
        data = archive.read(next(name for name in archive.namelist()
                                 if name.endswith('data.pkl')))
    names, strings = [], []
    for opcode, arg, _ in pickletools.genops(data):
        if opcode.name == 'GLOBAL':
            names.append(arg.replace(' ', '.'))
        elif 'UNICODE' in opcode.name:
            strings.append(arg)
        elif opcode.name == 'STACK_GLOBAL':
            names.append('.'.join(strings[-2:]))
    return names


def test_history_buffer_pickles_without_functions(tmp_path):
    from mmengine.logging import HistoryBuffer
    buffer = HistoryBuffer()
    for value in (1.0, 3.0, 2.0):
        buffer.update(value)
    path = str(tmp_path / 'buffer.pth')
    torch.save({'buffer': buffer}, path)
    unsafe = pickled_globals(path)
    assert not any('getattr' in name for name in unsafe), unsafe
    loaded = compat.load_weights_only(path)['buffer']
    assert loaded.max() == 3.0 and loaded.mean() == pytest.approx(2.0)
    assert loaded.current() == 2.0
    # stock __setstate__ still works on the new state
    assert 'statistics_methods' not in buffer.__getstate__()


# -- 3. weights-only checkpoint loading -----------------------------------

EXECUTED = []


def record_execution(tag):
    EXECUTED.append(tag)
    return tag


class CodeOnUnpickle:
    """Unpickling this object calls record_execution: a stand-in for code."""

    def __reduce__(self):
        return (record_execution, ('unpickled', ))


needs_weights_only_fix = pytest.mark.skipif(
    not compat.applied_fixes()['load_checkpoints_weights_only'],
    reason='torch.load is not weights-only by default here')


@needs_weights_only_fix
def test_load_checkpoint_refuses_code(tmp_path):
    from mmengine.runner import load_checkpoint
    path = str(tmp_path / 'evil.pth')
    model = nn.Linear(2, 2)
    torch.save({'state_dict': model.state_dict(), 'x': CodeOnUnpickle()},
               path)
    EXECUTED.clear()
    with pytest.raises(pickle.UnpicklingError, match='weights_only=True'):
        load_checkpoint(model, path)
    assert EXECUTED == []


@needs_weights_only_fix
def test_resume_refuses_code_even_inside_its_own_work_dir(tmp_path):
    """A file planted in a run's work_dir does not run on --resume."""
    from mmengine.runner import Runner
    work_dir = tmp_path / 'work_dir'
    work_dir.mkdir()
    planted = str(work_dir / 'epoch_1.pth')
    torch.save({'state_dict': {}, 'x': CodeOnUnpickle()}, planted)
    runner = Runner.__new__(Runner)  # resume() only needs these
    runner._work_dir = str(work_dir)
    runner.model = nn.Linear(2, 2)
    EXECUTED.clear()
    with pytest.raises(pickle.UnpicklingError, match='does not load it'):
        Runner.resume(runner, planted)
    assert EXECUTED == []


@pytest.fixture
def http_server(tmp_path):
    """Serve tmp_path/served on 127.0.0.1 for the length of one test."""
    import functools
    import http.server
    import threading
    served = tmp_path / 'served'
    served.mkdir()
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


@needs_weights_only_fix
@pytest.mark.parametrize('use', ['load_checkpoint', 'load_from_http'])
def test_http_checkpoints_load_weights_only(use, http_server, tmp_path,
                                            monkeypatch):
    from mmengine.runner import checkpoint as mm_checkpoint
    monkeypatch.setenv('TORCH_HOME', str(tmp_path / 'torch_home'))
    served, url = http_server
    model = nn.Linear(2, 2)
    torch.save({'state_dict': model.state_dict()}, served / 'good.pth')
    torch.save({'state_dict': model.state_dict(), 'x': CodeOnUnpickle()},
               served / 'evil.pth')

    def load(name):
        if use == 'load_checkpoint':  # load_from, teacher_ckpt, test.py
            return mm_checkpoint.load_checkpoint(nn.Linear(2, 2),
                                                 f'{url}/{name}')
        # what modelzoo://, torchvision://, open-mmlab:// and mmcls:// call
        return mm_checkpoint.load_from_http(f'{url}/{name}')

    assert set(load('good.pth')['state_dict']) == {'weight', 'bias'}
    EXECUTED.clear()
    with pytest.raises(pickle.UnpicklingError, match='does not load it'):
        load('evil.pth')
    assert EXECUTED == []


@needs_weights_only_fix
def test_runner_checkpoint_loads_weights_only(tmp_path):
    """A checkpoint written by the mmengine Runner, loaded as a teacher."""
    from mmengine.model import BaseModel
    from mmengine.runner import Runner, load_checkpoint

    class Toy(BaseModel):

        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4, 2)

        def forward(self, inputs, data_samples=None, mode='tensor'):
            out = self.fc(torch.stack(inputs))
            return dict(loss=out.pow(2).mean()) if mode == 'loss' else out

    dataset = [dict(inputs=torch.randn(4)) for _ in range(8)]
    runner = Runner(
        model=Toy(),
        work_dir=str(tmp_path),
        train_dataloader=dict(
            dataset=dataset,
            sampler=dict(type='DefaultSampler', shuffle=False),
            batch_size=4,
            collate_fn=dict(type='pseudo_collate')),
        train_cfg=dict(by_epoch=True, max_epochs=1),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9)),
        param_scheduler=dict(type='MultiStepLR', milestones=[1]),
        default_hooks=dict(checkpoint=dict(type='CheckpointHook',
                                           interval=1)),
        default_scope='mmengine')
    runner.train()
    path = str(tmp_path / 'epoch_1.pth')
    unsafe = pickled_globals(path)
    assert not any('getattr' in name for name in unsafe), unsafe
    fresh = Toy()
    load_checkpoint(fresh, path)
    assert torch.equal(fresh.fc.weight, runner.model.fc.weight)


# -- 4. pkg:: config references without pkg_resources ---------------------


def test_pkg_config_reference_without_pkg_resources(tmp_path):
    cfg = tmp_path / 'uses_pkg.py'
    cfg.write_text("_base_ = 'mmpretrain::_base_/default_runtime.py'\n")
    result = run_python(f"""
        import sys
        sys.modules['pkg_resources'] = None  # as with setuptools >= 81
        import mmrazor_sftkd
        from mmrazor_sftkd import compat
        assert compat.applied_fixes()[
            'resolve_config_packages_without_pkg_resources']
        from mmengine.config import Config
        cfg = Config.fromfile({str(cfg)!r})
        assert cfg.default_scope == 'mmpretrain', cfg.default_scope
        print('ok')
    """)
    assert result.returncode == 0, result.stderr[-2000:]


def test_pkg_fix_not_applied_when_pkg_resources_exists():
    import importlib.util
    has = importlib.util.find_spec('pkg_resources') is not None
    assert compat.applied_fixes()[
        'resolve_config_packages_without_pkg_resources'] is (not has)


# -- 5. distributed on CPU: the two-process runs of tests/test_*_digits.py


def test_dist_fixes_only_without_cuda():
    applied = compat.applied_fixes()
    no_cuda = not torch.cuda.is_available()
    assert applied['init_dist_without_cuda'] is no_cuda
    assert applied['ddp_without_device_ids_on_cpu'] is no_cuda


# -- 6. checkpoint keys under MMSeparateDistributedDataParallel ----------
# (the keys themselves: tests/test_iekd.py and the two-process runs)


def test_separate_ddp_key_fix_applies_with_torch_distributed():
    assert compat.applied_fixes()[
        'plain_checkpoint_keys_under_separate_ddp'] is \
        torch.distributed.is_available()


def test_apply_all_is_idempotent():
    first = compat.applied_fixes()
    assert compat.apply_all() == first


def _distill_recording_bn_before_inplace_relu():
    """A stock SingleTeacherDistill recording ResNet's stem BN (an in-place
    ReLU follows it) in both networks."""
    from mmengine.registry import init_default_scope
    from mmrazor.registry import MODELS
    init_default_scope('mmrazor')
    net = dict(
        _scope_='mmpretrain',
        type='ImageClassifier',
        backbone=dict(type='ResNet', depth=18),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='LinearClsHead', num_classes=10, in_channels=512))
    bn = dict(type='ModuleOutputs', source='backbone.bn1')
    return MODELS.build(
        dict(
            type='SingleTeacherDistill',
            architecture=net,
            teacher=net,
            distiller=dict(
                type='ConfigurableDistiller',
                student_recorders=dict(bn=bn),
                teacher_recorders=dict(bn=bn))))


@pytest.mark.parametrize('fixed', [True, False])
def test_recorders_see_bn_output_before_an_inplace_relu(fixed, monkeypatch):
    from mmrazor.models.algorithms.base import BaseAlgorithm
    applied = compat.applied_fixes()[
        'set_module_inplace_false_on_every_submodule']
    if not fixed:  # what MMRazor does on torch 2.x without the fix
        if not applied:
            pytest.skip("this torch's Module._modules is an OrderedDict: "
                        "MMRazor's own function works, as fixed=True shows")
        original = compat._set_every_inplace_false.__wrapped_original__
        monkeypatch.setattr(BaseAlgorithm, 'set_module_inplace_false',
                            original)
    model = _distill_recording_bn_before_inplace_relu()
    model.eval()
    inputs = torch.randn(2, 3, 32, 32)
    for network, recorders in (
            (model.student, model.distiller.student_recorders),
            (model.teacher, model.distiller.teacher_recorders)):
        backbone = network.backbone
        with torch.no_grad():
            expected = backbone.norm1(backbone.conv1(inputs))
            with recorders:
                network(inputs, mode='tensor')
        recorded = recorders.get_recorder('bn').get_record_data()
        assert expected.min() < 0
        assert torch.equal(recorded, expected) is fixed


def test_checkpoint_writes_are_atomic(tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import save_checkpoint
    assert compat.applied_fixes()['write_checkpoints_atomically']
    path = tmp_path / 'epoch_1.pth'
    save_checkpoint({'w': torch.ones(3)}, str(path))
    assert torch.equal(torch.load(path, weights_only=True)['w'],
                       torch.ones(3))
    assert sorted(os.listdir(tmp_path)) == ['epoch_1.pth']
    before = path.read_bytes()

    # a full disk in the middle of the next write of the same file
    def no_space(fd):
        raise OSError(28, 'No space left on device')

    monkeypatch.setattr(os, 'fsync', no_space)
    with pytest.raises(OSError, match='could not write .*epoch_1.pth '
                       r'\(No space left on device\); the file that was '
                       'there, if any, is unchanged'):
        save_checkpoint({'w': torch.zeros(3)}, str(path))
    assert path.read_bytes() == before  # the previous checkpoint survives
    assert sorted(os.listdir(tmp_path)) == ['epoch_1.pth']  # no partial file


# -- every MMRazor recorder type on this torch -----------------------------


class _RecordedToy(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3)
        self.bn = torch.nn.BatchNorm2d(4)
        self.fc = torch.nn.Linear(4, 2)

    def doubled(self, x):
        return x * 2

    def forward(self, x):
        x = self.doubled(torch.relu(self.bn(self.conv(x))))
        x = torch.nn.functional.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


def test_every_recorder_type_records_the_right_tensor():
    """Module outputs and inputs, function and method outputs and
    parameters: what MMRazor's distillers record, each checked against the
    tensor computed by hand (the in-place case is the test above)."""
    import torch.nn.functional as F
    from mmrazor.models.task_modules.recorder import RecorderManager
    model = _RecordedToy().eval()
    manager = RecorderManager(dict(
        bn=dict(type='ModuleOutputs', source='bn'),
        fc_in=dict(type='ModuleInputs', source='fc'),
        pool=dict(type='FunctionOutputs',
                  source='torch.nn.functional.adaptive_avg_pool2d'),
        doubled=dict(type='MethodOutputs',
                     source=f'{__name__}._RecordedToy.doubled'),
        weight=dict(type='Parameter', source='conv.weight')))
    manager.initialize(model)
    inputs = torch.randn(2, 3, 8, 8)
    with torch.no_grad():
        with manager:
            model(inputs)
        bn = model.bn(model.conv(inputs))
        doubled = torch.relu(bn) * 2
        pooled = F.adaptive_avg_pool2d(doubled, 1)

    def record(name):
        return manager.get_recorder(name).get_record_data()

    assert torch.equal(record('bn'), bn)
    assert torch.equal(record('fc_in')[0], pooled.flatten(1))  # args
    assert torch.equal(record('pool'), pooled)
    assert torch.equal(record('doubled'), doubled)
    assert torch.equal(record('weight'), model.conv.weight)
    # the patched function and method are put back
    assert F.adaptive_avg_pool2d.__module__ == 'torch.nn.functional'
    assert _RecordedToy.doubled.__qualname__ == '_RecordedToy.doubled'


def test_config_text_is_formatted_once_per_text():
    from mmengine.config import Config
    from mmengine.config import config as config_module
    assert compat.applied_fixes()['format_config_text_once']
    format_code = config_module.FormatCode
    cfg = Config(dict(model=dict(type='A', depth=20), lr=0.1))
    before = format_code.cache_info()
    text = cfg.pretty_text
    assert cfg.pretty_text == text
    after = format_code.cache_info()
    assert after.hits - before.hits >= 1
    assert after.misses - before.misses <= 1
    # the cached text is yapf's own
    assert text == format_code.__wrapped__(
        text, style_config=dict(
            based_on_style='pep8',
            blank_line_before_nested_class_or_def=True,
            split_before_expression_after_opening_paren=True))[0]
    cfg.lr = 0.2  # another config: formatted anew
    assert 'lr = 0.2' in cfg.pretty_text
