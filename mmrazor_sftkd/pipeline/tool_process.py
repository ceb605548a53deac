"""Run a ``tools/`` script in its own process, without paying its imports."""
import atexit
import multiprocessing
import os
import runpy
import subprocess
import sys
import time
from typing import Dict, Iterator, List

#: Imported once by the server; see its docstring.
PRELOAD = ['mmrazor_sftkd.pipeline.preload']

_context = None


def can_fork_tools() -> bool:
    """Whether this platform has multiprocessing's ``forkserver``."""
    return 'forkserver' in multiprocessing.get_all_start_methods()


def _forkserver():
    """The multiprocessing context whose server has the stack imported.

    The server is a fresh interpreter that imports :data:`PRELOAD` once and
    computes nothing, so every tool forked from it starts with torch's
    thread pool unused: a pool that has run is not safe to fork (GNU
    OpenMP hangs in the child), which rules out forking the runner itself.
    """
    global _context
    if _context is None:
        _context = multiprocessing.get_context('forkserver')
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _run_script(script: str, args: List[str], cwd: str, env: Dict[str, str],
                log_path: str) -> None:
    """The forked process: ``python script *args`` with its output in
    ``log_path``. A ``SystemExit`` gives the exit status, as it would."""
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
        os.dup2(log, stream.fileno())
        stream.reconfigure(line_buffering=True)
    os.close(log)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    threads = env.get('OMP_NUM_THREADS', '')
    if threads.isdigit() and int(threads) > 0:
        # torch has read the variable when the server imported it
        import torch
        torch.set_num_threads(int(threads))
    sys.argv = [script] + list(args)
    try:
        runpy.run_path(script, run_name='__main__')
    finally:
        # what the interpreter does on exit; multiprocessing skips it
        atexit._run_exitfuncs()


class ToolProcess:
    """A command's process, its output appended to a log file and followed.

    ``python script *args`` (``cmd[0]`` is this interpreter, ``cmd[1]`` a
    ``.py`` file) with ``fork=True`` is forked from multiprocessing's
    ``forkserver`` (see :data:`PRELOAD`) instead of started fresh: it
    imports nothing it would not have imported anyway, and a study of many
    short stages stops paying the imports once per stage and tool. Any
    other command (a shell launcher) runs through ``subprocess.Popen``.
    Each run is its own process either way, so a crash or ``kill -9`` of
    one takes nothing else with it.

    Args:
        cmd (List[str]): The command.
        cwd (str): Its working directory.
        env (Dict[str, str]): Its environment; ``OMP_NUM_THREADS`` also
            sets torch's thread count of a forked script, which the server
            fixed when it imported torch.
        log_path (str): File that receives stdout and stderr, appended.
        fork (bool): Fork a Python script from the server. Defaults to True.
    """

    #: How often :meth:`lines` looks for output.
    POLL_SECONDS = 0.2

    def __init__(self,
                 cmd: List[str],
                 cwd: str,
                 env: Dict[str, str],
                 log_path: str,
                 fork: bool = True) -> None:
        self.log_path = log_path
        with open(log_path, 'a') as log:
            self._offset = log.tell()
            if (fork and len(cmd) > 1 and cmd[0] == sys.executable
                    and cmd[1].endswith('.py')):
                self.process = _forkserver().Process(
                    target=_run_script,
                    args=(cmd[1], list(cmd[2:]), cwd, dict(env), log_path),
                    name=os.path.basename(cmd[1]))
                self.process.start()
                self._popen = None
            else:
                self.process = None
                self._popen = subprocess.Popen(
                    cmd, cwd=cwd, env=env, stdout=log,
                    stderr=subprocess.STDOUT)

    def _running(self) -> bool:
        if self._popen is not None:
            return self._popen.poll() is None
        return self.process.is_alive()

    def lines(self) -> Iterator[str]:
        """The lines the process writes, as it writes them, until it ends."""
        pending = ''
        with open(self.log_path, errors='replace') as log:
            log.seek(self._offset)
            while True:
                running = self._running()
                chunk = log.read()
                pending += chunk
                *complete, pending = pending.split('\n')
                yield from (line + '\n' for line in complete)
                if not running:
                    break
                if not chunk:
                    time.sleep(self.POLL_SECONDS)
        if pending:
            yield pending

    def wait(self) -> int:
        """The exit status; minus the signal's number if one killed it."""
        if self._popen is not None:
            return self._popen.wait()
        self.process.join()
        return self.process.exitcode
