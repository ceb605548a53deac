"""Write a teacher-only checkpoint next to every checkpoint saved."""
import functools
import glob
import os
import os.path as osp

from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmrazor.registry import HOOKS

from mmrazor_sftkd.utils.teacher_export import (TEACHER_PREFIX, save_teacher,
                                                teacher_state_dict)


@HOOKS.register_module()
class TeacherExportHook(Hook):
    """Export the teacher each time the runner saves a checkpoint.

    SFTN (Park et al., NeurIPS 2021) keeps only the teacher. For every file
    ``X.pth`` that the runner writes (CheckpointHook's epoch/iter, best and
    last checkpoints alike) this writes ``X{suffix}.pth``: the teacher's
    state_dict as a plain ImageClassifier state_dict, tensors only, which
    loads with ``weights_only=True`` and which MMRazor distillers take as
    ``teacher_ckpt`` unchanged. It hooks ``runner.save_checkpoint`` (mmengine
    calls no hook after a checkpoint file is written), and removes exports
    whose checkpoint CheckpointHook has since deleted (``max_keep_ckpts``).

    Args:
        prefix (str): Prefix of the teacher's keys in the model's
            state_dict. Defaults to ``'architecture.'``.
        suffix (str): Added to the checkpoint's file name. Defaults to
            ``'_teacher'``.
    """

    priority = 'VERY_LOW'

    def __init__(self, prefix: str = TEACHER_PREFIX, suffix: str = '_teacher'):
        self.prefix = prefix
        self.suffix = suffix

    def export_path(self, checkpoint_path: str) -> str:
        root, ext = osp.splitext(checkpoint_path)
        return f'{root}{self.suffix}{ext}'

    def before_run(self, runner) -> None:
        """Wrap ``runner.save_checkpoint`` to export after each save."""
        save_checkpoint = runner.save_checkpoint

        @functools.wraps(save_checkpoint)
        def save_and_export(out_dir, filename, *args, **kwargs):
            save_checkpoint(out_dir, filename, *args, **kwargs)
            if is_main_process():
                self.export(runner, osp.join(out_dir, filename))

        runner.save_checkpoint = save_and_export

    def export(self, runner, checkpoint_path: str) -> str:
        """Write the teacher export for ``checkpoint_path``; return its path."""
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        path = self.export_path(checkpoint_path)
        save_teacher(teacher_state_dict(model.state_dict(), self.prefix), path)
        self.remove_orphans(osp.dirname(checkpoint_path))
        return path

    def remove_orphans(self, directory: str) -> None:
        """Delete exports whose source checkpoint no longer exists."""
        for path in glob.glob(osp.join(directory, f'*{self.suffix}.pth')):
            source = path[:-len(f'{self.suffix}.pth')] + '.pth'
            if not osp.exists(source):
                os.remove(path)

    def after_run(self, runner) -> None:
        """Drop exports of checkpoints removed at the end of training."""
        if is_main_process():
            self.remove_orphans(runner.work_dir)
