"""exit_finished_distributed_run: leave only once a process group exists."""
import os
import subprocess
import sys
import textwrap

from conftest import REPO, free_port

SCRIPT = textwrap.dedent("""
    import atexit, logging, os, sys
    import torch.distributed as dist
    from mmrazor_sftkd.utils import exit_finished_distributed_run
    atexit.register(lambda: print('finalised', flush=True))
    log = logging.getLogger('run')
    log.addHandler(logging.FileHandler(sys.argv[2]))
    log.warning('logged before exit')
    if sys.argv[1] == 'dist':
        dist.init_process_group('gloo', rank=0, world_size=1)
    print('finished', end='')  # no newline: must be flushed to be seen
    exit_finished_distributed_run()
    print(' and returned')
""")


def run_script(mode, tmp_path):
    env = dict(os.environ, PYTHONPATH=REPO, MASTER_ADDR='127.0.0.1',
               MASTER_PORT=str(free_port()))
    return subprocess.run(
        [sys.executable, '-c', SCRIPT, mode, str(tmp_path / 'run.log')],
        capture_output=True, text=True, env=env, timeout=120)


def test_exits_after_a_distributed_run(tmp_path):
    result = run_script('dist', tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == 'finished'  # flushed; no finalisation ran
    assert (tmp_path / 'run.log').read_text() == 'logged before exit\n'


def test_returns_without_a_process_group(tmp_path):
    result = run_script('local', tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == 'finished and returned\nfinalised\n'
