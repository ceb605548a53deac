"""Run a whole SFTN study: students, both teachers, distillation, results."""
import json
import os
import os.path as osp
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

from mmrazor_sftkd.utils.exceptions import ConfigError
from mmrazor_sftkd.utils.scalars import val_curve

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DONE = 'done.json'
_PROGRESS = re.compile(
    r'Epoch\(train\)\s+\[(\d+)\]\[\s*(\d+)/(\d+)\].*?eta: ([0-9:, a-z]+?)\s+'
    r'time')
_MAX_EPOCHS = re.compile(r'max_epochs=(\d+)')


@dataclass
class Stage:
    """One training run of the study.

    Args:
        name (str): Directory name under the study's work_dir.
        kind (str): ``student``, ``teacher``, ``sftn`` or ``distill``.
        config (str): Config file for ``tools/train.py``.
        seed (int): ``randomness.seed`` of the run.
        method (str, optional): KD method name for ``distill`` stages.
        teacher (str, optional): ``teacher`` or ``sftn`` for ``distill``.
        needs (str, optional): Name of the stage whose teacher it loads.
    """
    name: str
    kind: str
    config: str
    seed: int
    method: Optional[str] = None
    teacher: Optional[str] = None
    needs: Optional[str] = None


class SFTNStudy:
    """The SFTN study of a pipeline config, stage by stage.

    For every seed: the student alone, the standard teacher, the SFTN
    teacher (exported by its TeacherExportHook), then the student distilled
    from each teacher by every KD method of the config. Each stage is a
    ``tools/train.py`` run (or ``tools/dist_train.sh`` with ``nproc > 1``)
    in ``work_dir/<stage>``. A stage that finished has ``done.json`` and is
    skipped; one with checkpoints but no ``done.json`` was interrupted and
    is resumed with ``--resume``.

    Args:
        pipeline (dict): ``seeds``, ``student``, ``teacher``, ``sftn``
            (config paths), ``distill`` (method -> config path, a stock
            distiller whose ``model.teacher_ckpt`` the study sets),
            optional ``cfg_options`` (list of ``key=value`` for every
            stage), ``stage_options`` (kind -> list of ``key=value`` for the
            stages of that kind: ``student``, ``teacher``, ``sftn``,
            ``distill``) and ``nproc`` (processes per stage, default 1).
        work_dir (str): Where stages, tables and plots go.
        echo (Callable): Receives progress lines. Defaults to ``print``.
    """

    KINDS = ('student', 'teacher', 'sftn')

    def __init__(self,
                 pipeline: dict,
                 work_dir: str,
                 echo: Optional[Callable[[str], None]] = print):
        for key in ('seeds', 'distill') + self.KINDS:
            if key not in pipeline:
                raise ConfigError(f'pipeline config: missing {key!r}.')
        if not pipeline['seeds']:
            raise ConfigError('pipeline config: seeds is empty.')
        for path in [pipeline[k] for k in self.KINDS
                     ] + list(pipeline['distill'].values()):
            if not osp.isfile(osp.join(REPO, path)) and not osp.isfile(path):
                raise ConfigError(f'pipeline config: {path!r} does not '
                                  'exist.')
        self.pipeline = pipeline
        self.work_dir = work_dir
        self.nproc = int(pipeline.get('nproc', 1))
        self.options = list(pipeline.get('cfg_options', []))
        self.stage_options = dict(pipeline.get('stage_options', {}))
        unknown = set(self.stage_options) - set(self.KINDS + ('distill', ))
        if unknown:
            raise ConfigError(f'pipeline config: stage_options has unknown '
                              f'kinds {sorted(unknown)}; use '
                              f'{list(self.KINDS) + ["distill"]}.')
        self.echo = echo or (lambda line: None)
        self.stages = self._plan()

    def _plan(self) -> List[Stage]:
        stages = []
        for seed in self.pipeline['seeds']:
            for kind in self.KINDS:
                stages.append(
                    Stage(f'{kind}_seed{seed}', kind, self.pipeline[kind],
                          seed))
            for method, config in self.pipeline['distill'].items():
                for teacher in ('teacher', 'sftn'):
                    stages.append(
                        Stage(
                            f'{method}_from_{teacher}_seed{seed}',
                            'distill',
                            config,
                            seed,
                            method=method,
                            teacher=teacher,
                            needs=f'{teacher}_seed{seed}'))
        return stages

    # -- stage state ------------------------------------------------------

    def stage_dir(self, stage: Stage) -> str:
        return osp.join(self.work_dir, stage.name)

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

    def teacher_checkpoint(self, stage_name: str) -> str:
        """The file a distill stage loads: the export for SFTN teachers."""
        stage = next(s for s in self.stages if s.name == stage_name)
        checkpoint = self.last_checkpoint(stage)
        if stage.kind == 'sftn':
            root, ext = osp.splitext(checkpoint)
            checkpoint = f'{root}_teacher{ext}'
        if not osp.isfile(checkpoint):
            raise FileNotFoundError(f'{stage_name}: {checkpoint} is missing')
        return checkpoint

    def command(self, stage: Stage) -> List[str]:
        """The command line that runs (or resumes) ``stage``."""
        options = self.options + list(
            self.stage_options.get(stage.kind, [])) + [
                f'randomness.seed={stage.seed}'
            ]
        if stage.needs:
            options.append(
                f'model.teacher_ckpt={self.teacher_checkpoint(stage.needs)}')
        if self.nproc > 1:
            cmd = ['bash', osp.join(REPO, 'tools', 'dist_train.sh'),
                   stage.config, str(self.nproc)]
        else:
            cmd = [sys.executable, osp.join(REPO, 'tools', 'train.py'),
                   stage.config]
        cmd += ['--work-dir', self.stage_dir(stage)]
        if self.status(stage) == 'interrupted':
            cmd.append('--resume')
        return cmd + ['--cfg-options'] + options

    # -- running ----------------------------------------------------------

    def run(self) -> Dict[str, dict]:
        """Run every stage that is not done; return stage -> final metrics."""
        os.makedirs(self.work_dir, exist_ok=True)
        total = len(self.stages)
        for index, stage in enumerate(self.stages, start=1):
            head = f'[{index}/{total}] {stage.name}'
            state = self.status(stage)
            if state == 'done':
                self.echo(f'{head}: done, skipped')
                continue
            verb = 'resuming' if state == 'interrupted' else 'starting'
            self.echo(f'{head}: {verb}')
            self._run_stage(stage, head, port=29500 + index)
        return self.results()

    def _run_stage(self, stage: Stage, head: str, port: int) -> None:
        cmd = self.command(stage)
        env = dict(os.environ, PORT=str(port), PYTHON=sys.executable)
        env['PYTHONPATH'] = REPO + os.pathsep + env.get('PYTHONPATH', '')
        os.makedirs(self.stage_dir(stage), exist_ok=True)
        log_path = osp.join(self.stage_dir(stage), 'pipeline_stdout.log')
        max_epochs = '?'
        start = time.time()
        with open(log_path, 'a') as log:
            process = subprocess.Popen(
                cmd,
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1)
            for line in process.stdout:
                log.write(line)
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
                f'{stage.name} failed with exit code {code}; its output is '
                f'in {log_path}. Run the pipeline again to resume it.')
        metrics = self.final_metrics(stage)
        metrics['seconds'] = round(time.time() - start, 1)
        with open(osp.join(self.stage_dir(stage), DONE), 'w') as f:
            json.dump(metrics, f, indent=1)
        self.echo(f'{head}: finished, top-1 {metrics["accuracy/top1"]:.2f}')

    def curves(self, stage: Stage) -> List[dict]:
        """Validation records of a stage (all its runs, resumed included)."""
        return val_curve(self.stage_dir(stage))

    def final_metrics(self, stage: Stage) -> dict:
        curve = self.curves(stage)
        if not curve:
            raise RuntimeError(f'{stage.name}: no validation results')
        return dict(curve[-1])

    def results(self) -> Dict[str, dict]:
        """Final metrics of every finished stage, by stage name."""
        out = {}
        for stage in self.stages:
            path = osp.join(self.stage_dir(stage), DONE)
            if osp.isfile(path):
                with open(path) as f:
                    out[stage.name] = json.load(f)
        return out
