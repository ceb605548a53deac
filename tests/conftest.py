import os
import os.path as osp
import socket
import subprocess
import sys

import pytest

from mmrazor_sftkd.utils.scalars import load_scalars as read_scalars

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

# Small overrides that keep end-to-end trainings on digits to seconds.
TINY_DATA = [
    'train_dataloader.dataset.indices=256',
    'val_dataloader.dataset.indices=128',
    'test_dataloader.dataset.indices=128',
    'default_hooks.logger.interval=1',
]


def tool_env(extra_path=()):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([REPO, *extra_path]))
    env.pop('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', None)
    return env


def free_port():
    """A TCP port that is free now, for a launcher's rendezvous."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def run_tool(*args, check=True, timeout=600, extra_path=()):
    """Run a tools/ script with this interpreter; return the process.

    Shell launchers get a free rendezvous port, so a port left in use by an
    earlier run (or by anything else on the machine) cannot fail them.
    ``extra_path`` is added to PYTHONPATH after the repository (for modules
    that a test's config imports).
    """
    script = args[0]
    cmd = ([sys.executable, osp.join(REPO, 'tools', script)]
           if script.endswith('.py') else
           ['bash', osp.join(REPO, 'tools', script)])
    env = dict(tool_env(extra_path), PYTHON=sys.executable)
    if script.endswith('.sh'):
        env.setdefault('PORT', str(free_port()))
    result = subprocess.run(
        cmd + [str(a) for a in args[1:]],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f'{cmd} failed ({result.returncode}):\n'
                             f'{result.stdout[-3000:]}\n{result.stderr[-5000:]}')
    return result


def val_records(work_dir, key='accuracy/top1'):
    return [r for r in read_scalars(work_dir) if key in r]


@pytest.fixture
def repo():
    return REPO


def assert_checkpoint_keys_of_one_process(path):
    """A run's checkpoint has the keys of its model built in one process
    (its own saved config, no DDP wrapper), and loads into it strictly as
    a resume does (mmengine's ``load_state_dict``)."""
    import torch
    from mmengine.config import Config
    from mmengine.registry import init_default_scope
    from mmengine.runner.checkpoint import load_state_dict
    from mmrazor.registry import MODELS
    checkpoint = torch.load(path, map_location='cpu', weights_only=False)
    cfg = Config.fromstring(checkpoint['meta']['cfg'], '.py')
    init_default_scope(cfg.get('default_scope', 'mmpretrain'))
    model = MODELS.build(cfg.model)
    state = checkpoint['state_dict']
    assert list(state) == list(model.state_dict())
    load_state_dict(model, state, strict=True)
