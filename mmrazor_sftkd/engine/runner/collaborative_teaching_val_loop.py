"""Validation of a collaborative-teaching run: student and both teachers."""
import copy
from typing import Dict, List, Sequence, Union

import torch
from mmengine.evaluator import Evaluator
from mmengine.model import is_model_wrapper
from mmengine.runner import ValLoop
from mmengine.runner.amp import autocast
from mmrazor.registry import LOOPS
from torch.utils.data import DataLoader


@LOOPS.register_module()
class CollaborativeTeachingValLoop(ValLoop):
    """Validate the student, the scratch teacher and the expert in one pass.

    For :class:`~mmrazor_sftkd.models.algorithms.CollaborativeTeachingDistill`
    (Zhao et al., "Highlight Every Step: Knowledge Distillation via
    Collaborative Teaching", arXiv 1907.09643). MMRazor's
    ``SingleTeacherDistillValLoop`` runs the data once per network; this loop
    reads each batch once and feeds one evaluator per network
    (:meth:`CollaborativeTeachingDistill.predict_all`). The student's metrics
    keep their plain names (``accuracy/top1``, used by
    ``save_best='auto'``); the teachers' are prefixed:
    ``scratch.accuracy/top1``, ``expert.accuracy/top1``.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per network.
        fp16 (bool): Validate under autocast. Defaults to False.
    """

    TEACHERS = ('scratch', 'expert')

    def __init__(self,
                 runner,
                 dataloader: Union[DataLoader, Dict],
                 evaluator: Union[Evaluator, Dict, List],
                 fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        if not hasattr(model, 'predict_all') or not hasattr(
                model, 'scratch_teacher'):
            raise TypeError('CollaborativeTeachingValLoop needs a '
                            'CollaborativeTeachingDistill model, got '
                            f'{type(model).__name__}.')
        self.model = model
        self.teacher_evaluators = {
            name: copy.deepcopy(self.evaluator)
            for name in self.TEACHERS
        }

    def run(self) -> dict:
        """Validate once; return the student's and the teachers' metrics."""
        self.runner.call_hook('before_val')
        self.runner.call_hook('before_val_epoch')
        self.runner.model.eval()
        for idx, data_batch in enumerate(self.dataloader):
            self.run_iter(idx, data_batch)
        size = len(self.dataloader.dataset)
        metrics = self.evaluator.evaluate(size)
        for name, evaluator in self.teacher_evaluators.items():
            for key, value in evaluator.evaluate(size).items():
                metrics[f'{name}.{key}'] = value
        self.runner.call_hook('after_val_epoch', metrics=metrics)
        self.runner.call_hook('after_val')
        return metrics

    @torch.no_grad()
    def run_iter(self, idx, data_batch: Sequence[dict]) -> None:
        """Predict with the three networks; feed the evaluators."""
        self.runner.call_hook(
            'before_val_iter', batch_idx=idx, data_batch=data_batch)
        with autocast(enabled=self.fp16):
            data = self.model.data_preprocessor(data_batch, False)
            outputs = self.model.predict_all(data['inputs'],
                                             data['data_samples'])
        self.evaluator.process(
            data_samples=outputs['student'], data_batch=data_batch)
        for name, evaluator in self.teacher_evaluators.items():
            evaluator.process(data_samples=outputs[name], data_batch=data_batch)
        self.runner.call_hook(
            'after_val_iter',
            batch_idx=idx,
            data_batch=data_batch,
            outputs=outputs['student'])
