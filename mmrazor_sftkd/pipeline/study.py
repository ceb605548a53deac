"""Run a whole distillation study: every stage for every seed, then tables."""
import contextlib
import glob
import json
import os
import os.path as osp
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from mmengine import fileio
from mmengine.config import Config

from mmrazor_sftkd.engine.hooks.compute_time_hook import COMPUTE_TIME_FILE
from mmrazor_sftkd.pipeline.tool_process import ToolProcess, can_fork_tools
from mmrazor_sftkd.utils.cli import parse_option_value
from mmrazor_sftkd.utils.exceptions import ConfigError
from mmrazor_sftkd.utils.scalars import val_curve

PACKAGE = osp.dirname(osp.dirname(osp.abspath(__file__)))


def _roots() -> List[str]:
    """Where ``configs/`` and ``tools/`` are: the checkout this package is
    in (a clone, an editable install), then the installed package's
    ``.mim`` (a wheel, mim)."""
    roots = []
    checkout = osp.dirname(PACKAGE)
    if osp.isfile(osp.join(checkout, 'tools', 'train.py')):
        roots.append(checkout)
    mim = osp.join(PACKAGE, '.mim')
    if osp.isdir(mim):
        roots.append(mim)
    return roots


def find_tool(script: str) -> str:
    """The path of ``tools/<script>`` of this package."""
    for root in _roots():
        path = osp.join(root, 'tools', script)
        if osp.isfile(path):
            return path
    raise FileNotFoundError(f'tools/{script} is neither in a checkout of '
                            f'mmrazor_sftkd nor in its .mim ({PACKAGE})')
DONE = 'done.json'
LOCK = 'running.pid'
#: The resolved config of a stage, in a folder of its own: the Runner writes
#: its own copy of the config into the work_dir under the same base name.
STAGE_CONFIG = osp.join('resolved', 'stage_config.py')
#: Keys a ``data`` base replaces in every stage config.
DATA_KEYS = ('data_preprocessor', 'train_dataloader', 'val_dataloader',
             'test_dataloader', 'val_evaluator', 'test_evaluator')
PIPELINE_KEYS = ('seeds', 'stages', 'data', 'cfg_options', 'compare',
                 'follow', 'nproc', 'only', 'fork_tools')
STAGE_KEYS = ('config', 'options', 'inputs', 'like')
_PROGRESS = re.compile(
    r'Epoch\(train\)\s+\[(\d+)\]\[\s*(\d+)/(\d+)\].*?eta: ([0-9:, a-z]+?)\s+'
    r'time')
_MAX_EPOCHS = re.compile(r'max_epochs=(\d+)')


@dataclass
class Stage:
    """One training run of the study, and its test.

    Args:
        key (str): The stage's name in the pipeline config (``kd_std``).
        seed (int): ``randomness.seed`` of the run.
        config (str): Config file of the run.
        options (List[str]): ``key=value`` overrides of this stage.
        inputs (Dict[str, str]): Config key -> the stage (same seed) whose
            final checkpoint goes there, e.g. ``model.teacher_ckpt``.
    """
    key: str
    seed: int
    config: str
    options: List[str] = field(default_factory=list)
    inputs: Dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f'{self.key}_seed{self.seed}'


def _find(path: str, config_dir: Optional[str] = None) -> Optional[str]:
    """A config path, as given, or relative to the pipeline config's
    folder (as mmengine reads ``_base_``), the working directory, or this
    package's checkout or ``.mim`` (``configs/...`` paths)."""
    if osp.isabs(path):
        return path if osp.isfile(path) else None
    bases = ([config_dir] if config_dir else []) + [os.getcwd()] + _roots()
    for base in bases:
        candidate = osp.join(base, path)
        if osp.isfile(candidate):
            return osp.abspath(candidate)
    return None


def parse_options(options: List[str]) -> dict:
    """``['a.b=1', ...]`` -> ``{'a.b': 1}``, as ``--cfg-options`` parses."""
    parsed = {}
    for option in options:
        if '=' not in option:
            raise ConfigError(f'pipeline config: option {option!r} is not '
                              'key=value.')
        key, value = option.split('=', 1)
        parsed[key] = parse_option_value(value)
    return parsed


def validation_as_test(cfg: Config) -> Config:
    """``cfg`` with its validation as the test run of ``tools/test.py``.

    The validation split, evaluator and loop: a plain ``val_cfg`` (no
    ``type``) means mmengine's ``ValLoop``, which, unlike the ``TestLoop``
    test.py would build from it, logs its metrics as validation records.
    The validation hooks then run: no "best" checkpoint is saved from it.
    """
    cfg.test_dataloader = cfg.val_dataloader
    cfg.test_evaluator = cfg.val_evaluator
    val_cfg = dict(cfg.get('val_cfg') or {})
    val_cfg.setdefault('type', 'ValLoop')
    cfg.test_cfg = val_cfg
    cfg.default_hooks.checkpoint = None
    return cfg


def _expand_likes(stages: dict) -> dict:
    """Stage specs with every ``like`` replaced by what it stands for."""
    out = {}
    for key, spec in stages.items():
        if isinstance(spec, dict) and 'like' in spec:
            base = stages.get(spec['like'])
            if not isinstance(base, dict) or 'like' in base:
                raise ConfigError(
                    f'pipeline config: stage {key!r} is like '
                    f"{spec['like']!r}, which is not a stage without 'like'.")
            spec = dict(
                config=spec.get('config', base.get('config')),
                options=list(base.get('options', [])) +
                list(spec.get('options', [])),
                inputs=dict(base.get('inputs', {}), **spec.get('inputs', {})))
        out[key] = spec
    return out


class Study:
    """A distillation study from a pipeline config, stage by stage.

    For every seed, every stage of ``pipeline['stages']`` in order: a
    ``tools/train.py`` run (``tools/dist_train.sh`` with ``nproc > 1``) in
    ``work_dir/<stage>_seed<seed>``, then ``tools/test.py`` of its final
    checkpoint on the config's test split, with the per-sample predictions
    kept. A stage's checkpoint feeds later stages through ``inputs``; an
    SFTN stage feeds its teacher export (``*_teacher.pth``). Each stage runs
    from ``resolved/stage_config.py`` in its folder: its fully resolved
    config (stage config, the ``data`` base, options, inputs, seed).

    A stage with ``done.json`` is skipped; one with checkpoints but no
    ``done.json`` was interrupted and is resumed with ``--resume``. A
    started stage whose resolved config changed is refused with a message:
    its results would not belong to the new config. Runners may share a
    work dir (e.g. seeds side by side): a stage that another live runner is
    running (its ``running.pid``) is waited for, not run twice.

    Args:
        pipeline (dict): ``seeds``; ``stages`` (stage key -> dict with
            ``config``, optional ``options`` (list of ``key=value``) and
            ``inputs`` (config key -> an earlier stage key), or ``like``
            (another stage key: its config, options and inputs, with this
            stage's options after them and its inputs replacing theirs,
            e.g. a search variant)); optional
            ``data`` (a dataset base config whose dataloaders, evaluators
            and data preprocessor replace every stage's), ``cfg_options``
            (``key=value`` for every stage), ``compare`` (pairs of stage
            keys whose same-seed difference is reported), ``follow`` (pairs
            ``(student stage, teacher stage)`` whose test-set agreement and
            KL are reported), ``nproc`` (processes per stage, default 1) and
            ``only`` (the default of the ``only`` argument) and
            ``fork_tools`` (default True: single-process stages fork their
            tools from a server that has the stack imported, see
            :class:`ToolProcess`; False starts a fresh interpreter each).
        work_dir (str): Where stages, tables and plots go (relative to the
            working directory, which is also that of every stage process).
        echo (Callable): Receives progress lines. Defaults to ``print``.
        only (List[str], optional): Run and report only these stage keys
            and the earlier stages they take inputs from (a pilot, or a
            search that shares the study's stages). Defaults to all.
        config_dir (str, optional): The pipeline config's folder; config
            paths in it may be relative to it.
    """

    #: How often a runner checks whether another one has finished a stage.
    LOCK_POLL_SECONDS = 10

    def __init__(self,
                 pipeline: dict,
                 work_dir: str,
                 echo: Optional[Callable[[str], None]] = print,
                 only: Optional[List[str]] = None,
                 config_dir: Optional[str] = None):
        unknown = sorted(set(pipeline) - set(PIPELINE_KEYS))
        if unknown:
            raise ConfigError(f'pipeline config: unknown keys {unknown}; '
                              f'known: {list(PIPELINE_KEYS)}.')
        for key in ('seeds', 'stages'):
            if not pipeline.get(key):
                raise ConfigError(f'pipeline config: {key!r} is missing or '
                                  'empty.')
        pipeline = dict(pipeline, stages=_expand_likes(pipeline['stages']))
        self.pipeline = pipeline
        self.config_dir = config_dir
        self.cwd = os.getcwd()
        self.work_dir = osp.abspath(work_dir)
        self.nproc = int(pipeline.get('nproc', 1))
        self.options = list(pipeline.get('cfg_options', []))
        parse_options(self.options)
        self.data = None
        if pipeline.get('data'):
            self.data = _find(pipeline['data'], config_dir)
            if self.data is None:
                raise ConfigError(f"pipeline config: data {pipeline['data']!r}"
                                  ' does not exist.')
        self.keys = list(pipeline['stages'])
        for key, spec in pipeline['stages'].items():
            self._check_stage(key, spec)
        for pair_kind in ('compare', 'follow'):
            for pair in pipeline.get(pair_kind, []):
                if len(pair) != 2 or any(k not in self.keys for k in pair):
                    raise ConfigError(
                        f'pipeline config: each {pair_kind} entry is a pair '
                        f'of stage keys {self.keys}, got {pair!r}.')
        only = only or pipeline.get('only')
        if only:
            self.keys = self._with_inputs(only)
        self.echo = echo or (lambda line: None)
        self.stages = [
            Stage(key, seed, self._config_of(key),
                  list(spec.get('options', [])), dict(spec.get('inputs', {})))
            for seed in pipeline['seeds']
            for key, spec in pipeline['stages'].items() if key in self.keys
        ]

    def _with_inputs(self, only: List[str]) -> List[str]:
        """``only`` and the stages it needs, in pipeline order."""
        unknown = [key for key in only if key not in self.keys]
        if unknown:
            raise ConfigError(f'pipeline config: no stages {unknown}; the '
                              f'stages are {self.keys}.')
        needed, todo = set(), list(only)
        while todo:
            key = todo.pop()
            if key not in needed:
                needed.add(key)
                todo.extend(self.pipeline['stages'][key].get('inputs',
                                                              {}).values())
        return [key for key in self.keys if key in needed]

    def _check_stage(self, key: str, spec: dict) -> None:
        if not isinstance(spec, dict) or 'config' not in spec:
            raise ConfigError(f'pipeline config: stage {key!r} needs a dict '
                              "with a 'config'.")
        unknown = sorted(set(spec) - set(STAGE_KEYS))
        if unknown:
            raise ConfigError(f'pipeline config: stage {key!r} has unknown '
                              f'keys {unknown}; known: {list(STAGE_KEYS)}.')
        if _find(spec['config'], self.config_dir) is None:
            raise ConfigError(f'pipeline config: stage {key!r}: '
                              f"{spec['config']!r} does not exist.")
        parse_options(spec.get('options', []))
        earlier = self.keys[:self.keys.index(key)]
        for source in spec.get('inputs', {}).values():
            if source not in earlier:
                raise ConfigError(
                    f'pipeline config: stage {key!r} takes input from '
                    f'{source!r}, which is not an earlier stage {earlier}.')

    def _config_of(self, key: str) -> str:
        return _find(self.pipeline['stages'][key]['config'], self.config_dir)

    # -- stage state ------------------------------------------------------

    def stage(self, key: str, seed: int) -> Stage:
        return next(s for s in self.stages
                    if s.key == key and s.seed == seed)

    def stage_dir(self, stage: Stage, relative: bool = False) -> str:
        """The stage's folder; ``relative``: relative to the working
        directory (the stage processes' too) when inside it, as stage
        configs and commands give it, so that a moved checkout keeps its
        finished stages."""
        directory = osp.join(self.work_dir, stage.name)
        if relative:
            inside = osp.relpath(directory, self.cwd)
            if not inside.startswith(os.pardir):
                return inside
        return directory

    def status(self, stage: Stage) -> str:
        """``done``, ``interrupted`` (checkpoints, no done.json) or ``new``."""
        directory = self.stage_dir(stage)
        if osp.isfile(osp.join(directory, DONE)):
            return 'done'
        if osp.isfile(osp.join(directory, 'last_checkpoint')):
            return 'interrupted'
        return 'new'

    def last_checkpoint(self, stage: Stage) -> str:
        with open(osp.join(self.stage_dir(stage), 'last_checkpoint')) as f:
            return f.read().strip()

    def output_checkpoint(self, stage: Stage) -> str:
        """What later stages load: the teacher export if there is one."""
        checkpoint = self.last_checkpoint(stage)
        root, ext = osp.splitext(checkpoint)
        export = f'{root}_teacher{ext}'
        checkpoint = export if osp.isfile(export) else checkpoint
        if not osp.isfile(checkpoint):
            raise FileNotFoundError(f'{stage.name}: {checkpoint} is missing')
        return checkpoint

    def resolve(self, stage: Stage) -> Config:
        """The stage's config with data, options, inputs and seed applied."""
        cfg = Config.fromfile(stage.config)
        if self.data:
            data = Config.fromfile(self.data)
            for key in DATA_KEYS:
                if key in data:
                    cfg[key] = data[key]
        options = parse_options(self.options + stage.options)
        for key, source in stage.inputs.items():
            options[key] = self.output_checkpoint(
                self.stage(source, stage.seed))
        options['randomness.seed'] = stage.seed
        cfg.merge_from_dict(options)
        cfg.work_dir = self.stage_dir(stage, relative=True)
        return cfg

    def write_config(self, stage: Stage) -> str:
        """Write the resolved config; refuse if a started stage's changed."""
        path = osp.join(self.stage_dir(stage), STAGE_CONFIG)
        text = self.resolve(stage).pretty_text
        if self.status(stage) != 'new' and osp.isfile(path):
            with open(path) as f:
                if f.read() != text:
                    raise ConfigError(
                        f'{stage.name}: its config changed since it ran '
                        f'({path}); its results would not match. Delete '
                        f'{self.stage_dir(stage)} to run it again, or undo '
                        'the change.')
        os.makedirs(osp.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def threads_per_process(self) -> int:
        """The cores each of a stage's ``nproc`` processes may use.

        Stage processes get ``OMP_NUM_THREADS`` set to this unless it is
        already set: processes whose thread pools together exceed the cores
        slow each other down many times over.
        """
        return max(1, (os.cpu_count() or 1) // self.nproc)

    def _tool(self, script: str) -> List[str]:
        return [sys.executable, find_tool(script)]

    def train_command(self, stage: Stage, config: str) -> List[str]:
        if self.nproc > 1:
            cmd = ['bash', find_tool('dist_train.sh'), config,
                   str(self.nproc)]
        else:
            cmd = self._tool('train.py') + [config]
        cmd += ['--work-dir', self.stage_dir(stage, relative=True)]
        if self.status(stage) == 'interrupted':
            cmd.append('--resume')
        return cmd

    def test_command(self, stage: Stage, config: str) -> List[str]:
        test_dir = osp.join(self.stage_dir(stage), 'test')
        return self._tool('test.py') + [
            config,
            self.last_checkpoint(stage), '--work-dir', test_dir, '--out',
            osp.join(test_dir, 'scores.pth')
        ]

    # -- running ----------------------------------------------------------

    def run(self) -> Dict[str, dict]:
        """Run every stage that is not done; return stage -> its results."""
        os.makedirs(self.work_dir, exist_ok=True)
        total = len(self.stages)
        start, ran = time.time(), []
        for index, stage in enumerate(self.stages, start=1):
            head = f'[{index}/{total}] {stage.name}'
            with self._claim(stage, head):
                state = self.status(stage)
                if state == 'done':
                    self.write_config(stage)  # refuses a changed config
                    self.echo(f'{head}: done, skipped')
                    continue
                verb = 'resuming' if state == 'interrupted' else 'starting'
                self.echo(f'{head}: {verb}')
                self._run_stage(stage, head, port=29500 + index % 1000)
                ran.append(stage)
        if ran:
            self._echo_overhead(ran, since=start)
        return self.results()

    def compute_seconds(self, stage: Stage,
                        since: Optional[float] = None) -> Dict[str, float]:
        """Seconds the stage's runs (training, final validation, test) spent
        in training, validation and test epochs, from their
        ``compute_time.json`` (``ComputeTimeHook``); ``since``: only runs
        that started after this ``time.time()``."""
        totals = dict(train_s=0.0, val_s=0.0, test_s=0.0)
        directory = self.stage_dir(stage)
        for pattern in ('*', osp.join('*', '*')):
            for path in glob.glob(
                    osp.join(directory, pattern, COMPUTE_TIME_FILE)):
                with open(path) as f:
                    record = json.load(f)
                if since and (record.get('before_run_at') or 0) < since:
                    continue
                for key in totals:
                    totals[key] += record.get(key, 0.0)
        return {key: round(value, 1) for key, value in totals.items()}

    def _echo_overhead(self, stages: List[Stage], since: float) -> None:
        """How the wall time compares with the stages' compute."""
        wall = time.time() - since
        seconds = [self.compute_seconds(stage, since) for stage in stages]
        trained = sum(s['train_s'] + s['val_s'] for s in seconds)
        tested = sum(s['test_s'] for s in seconds)
        ratio = f' ({wall / trained:.2f}x)' if trained else ''
        self.echo(f'{len(stages)} stages in {wall:.0f} s; their training and '
                  f'validation epochs took {trained:.0f} s{ratio}, their '
                  f'tests {tested:.0f} s')

    # Runners may share a work dir (seeds or a search side by side); a stage
    # is run by one of them at a time, claimed by a lock file with its pid.

    def _lock_path(self, stage: Stage) -> str:
        return osp.join(self.stage_dir(stage), LOCK)

    def _lock_owner(self, stage: Stage) -> Optional[int]:
        """The pid of the live runner that holds the stage, or None."""
        path = self._lock_path(stage)
        try:
            with open(path) as f:
                pid = int(f.read().strip() or 0)
            age = time.time() - os.path.getmtime(path)
        except (OSError, ValueError):
            return None
        if pid <= 0:  # being written now, or never: a stale claim
            return -1 if age < 60 else None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None  # a runner that died: its claim is void
        except PermissionError:
            pass
        return pid

    @contextlib.contextmanager
    def _claim(self, stage: Stage, head: str):
        """Hold the stage's lock file; wait while a live runner holds it."""
        os.makedirs(self.stage_dir(stage), exist_ok=True)
        path = self._lock_path(stage)
        waiting = False
        while True:
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                break
            except FileExistsError:
                pid = self._lock_owner(stage)
                if pid is None:  # left by a runner that died
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(path)
                    continue
                if not waiting:
                    self.echo(f'{head}: run by another runner (pid {pid}), '
                              'waiting')
                    waiting = True
                time.sleep(self.LOCK_POLL_SECONDS)
        with os.fdopen(fd, 'w') as f:
            f.write(str(os.getpid()))
        try:
            yield
        finally:
            os.remove(path)

    def forks_tools(self) -> bool:
        """Whether single-process stages fork their tools from a server
        that has the stack imported (:class:`ToolProcess`) rather than start
        a fresh interpreter: the study config's ``fork_tools``, by default
        on where the platform can."""
        return bool(self.pipeline.get('fork_tools', True)) and can_fork_tools()

    def _run(self, cmd: List[str], stage: Stage, head: str, port: int,
             log_name: str) -> float:
        env = dict(os.environ, PORT=str(port), PYTHON=sys.executable)
        checkout = osp.dirname(PACKAGE)
        if checkout in _roots():  # stage processes import this checkout
            env['PYTHONPATH'] = checkout + os.pathsep + env.get(
                'PYTHONPATH', '')
        env.setdefault('OMP_NUM_THREADS', str(self.threads_per_process()))
        log_path = osp.join(self.stage_dir(stage), log_name)
        max_epochs = '?'
        start = time.time()
        last_error = ''
        process = ToolProcess(cmd, self.cwd, env, log_path,
                              fork=self.forks_tools())
        for line in process.lines():
            if 'Error' in line or 'error:' in line:
                last_error = line.strip()
            found = _MAX_EPOCHS.search(line)
            if found and max_epochs == '?':
                max_epochs = found.group(1)
            progress = _PROGRESS.search(line)
            if progress:
                epoch, it, iters, eta = progress.groups()
                self.echo(f'{head}: epoch {epoch}/{max_epochs} '
                          f'iter {it}/{iters}, stage eta {eta.strip()}')
        code = process.wait()
        if code != 0:
            raise RuntimeError(
                f'{stage.name} failed with exit code {code}: '
                f'{last_error or "see the log"} (log: {log_path}). Run the '
                'pipeline again to resume it.')
        return round(time.time() - start, 1)

    def _run_stage(self, stage: Stage, head: str, port: int) -> None:
        config = self.write_config(stage)
        train_seconds = self._run(
            self.train_command(stage, config), stage, head, port,
            'pipeline_stdout.log')
        final_val = self._final_validation(stage, config, head, port)
        test_seconds = self._run(
            self.test_command(stage, config), stage, head, port,
            'pipeline_test.log')
        result = dict(
            val=final_val,
            test=self._test_metrics(stage),
            train_seconds=train_seconds,
            test_seconds=test_seconds,
            compute_seconds=self.compute_seconds(stage))
        # written last, and atomically (mmengine's put, see compat): a
        # stage is done only once its final validation and test are in it
        fileio.put(
            json.dumps(result, indent=1).encode(),
            osp.join(self.stage_dir(stage), DONE))
        self.echo(f'{head}: finished in {train_seconds:.0f} s, test top-1 '
                  f"{result['test']['accuracy/top1']:.2f}")

    def _final_validation(self, stage: Stage, config: str, head: str,
                          port: int) -> dict:
        """The validation record of the final epoch's checkpoint.

        Training validates after it saves each epoch's checkpoint, so a
        stage stopped between the two resumes at ``max_epochs``, trains
        nothing and leaves no final validation. Then the final checkpoint
        is validated here; an earlier epoch's record is never reported.
        """
        cfg = Config.fromfile(config)
        max_epochs = cfg.train_cfg.get('max_epochs')
        final = f'epoch_{max_epochs}.pth'
        if max_epochs and osp.basename(self.last_checkpoint(stage)) != final:
            raise RuntimeError(f'{stage.name}: training ended without '
                               f'{final}; run the pipeline again to resume.')
        curve = self.curves(stage)
        if curve and (not max_epochs or curve[-1]['step'] == max_epochs):
            return dict(curve[-1])
        self.echo(f'{head}: validating {final} (its validation was not '
                  'recorded)')
        val_dir = osp.join(self.stage_dir(stage), 'final_val')
        os.makedirs(val_dir, exist_ok=True)
        val_config = osp.join(val_dir, 'val_config.py')
        validation_as_test(cfg).dump(val_config)
        self._run(
            self._tool('test.py') + [
                val_config,
                self.last_checkpoint(stage), '--work-dir', val_dir
            ], stage, head, port, 'pipeline_final_val.log')
        records = val_curve(val_dir)  # its run logs as validation
        if not records:
            raise RuntimeError(f'{stage.name}: the validation of {final} '
                               f'wrote no metrics (log: {val_dir})')
        return dict(records[-1], step=max_epochs)

    def _test_metrics(self, stage: Stage) -> dict:
        logs = sorted(
            path for path in glob.glob(
                osp.join(self.stage_dir(stage), 'test', '*', '*.json'))
            if osp.basename(path) != COMPUTE_TIME_FILE)
        if not logs:
            raise RuntimeError(f'{stage.name}: the test run wrote no metrics')
        with open(logs[-1]) as f:
            return json.loads(f.read().strip().splitlines()[-1])

    # -- results ----------------------------------------------------------

    def curves(self, stage: Stage) -> List[dict]:
        """Validation records of a stage (all its runs, resumed included)."""
        return val_curve(self.stage_dir(stage))

    def predictions(self, stage: Stage) -> str:
        """The test scores of the stage's first network (DumpScores)."""
        return osp.join(self.stage_dir(stage), 'test', 'scores.pth')

    def results(self) -> Dict[str, dict]:
        """``done.json`` of every finished stage, by stage name."""
        out = {}
        for stage in self.stages:
            path = osp.join(self.stage_dir(stage), DONE)
            if osp.isfile(path):
                with open(path) as f:
                    out[stage.name] = json.load(f)
        return out
