"""Validation of an SFTN teacher and its student branches."""
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
class SFTNValLoop(ValLoop):
    """Validate the teacher and every student branch in one pass.

    MMRazor's ``SingleTeacherDistillValLoop`` runs the data twice (student,
    then teacher). SFTN's branches consume the teacher's stage outputs, so
    this loop runs the teacher once per batch (:meth:`SFTN.predict_all`) and
    feeds one evaluator per network. The teacher's metrics keep their plain
    names (``accuracy/top1``, used by ``save_best='auto'``); a branch's are
    prefixed by its name (``branch1.accuracy/top1``).

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per network.
        fp16 (bool): Validate under autocast. Defaults to False.
    """

    def __init__(self,
                 runner,
                 dataloader: Union[DataLoader, Dict],
                 evaluator: Union[Evaluator, Dict, List],
                 fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        if not hasattr(model, 'predict_all'):
            raise TypeError('SFTNValLoop needs an SFTN model, got '
                            f'{type(model).__name__}.')
        self.model = model
        self.branch_evaluators = {
            name: copy.deepcopy(self.evaluator)
            for name in model.branches
        }

    def run(self) -> dict:
        """Validate once; return the teacher's and branches' metrics."""
        self.runner.call_hook('before_val')
        self.runner.call_hook('before_val_epoch')
        self.runner.model.eval()
        for idx, data_batch in enumerate(self.dataloader):
            self.run_iter(idx, data_batch)
        size = len(self.dataloader.dataset)
        metrics = self.evaluator.evaluate(size)
        for name, evaluator in self.branch_evaluators.items():
            for key, value in evaluator.evaluate(size).items():
                metrics[f'{name}.{key}'] = value
        self.runner.call_hook('after_val_epoch', metrics=metrics)
        self.runner.call_hook('after_val')
        return metrics

    @torch.no_grad()
    def run_iter(self, idx, data_batch: Sequence[dict]) -> None:
        """Predict with the teacher and the branches; feed the evaluators."""
        self.runner.call_hook(
            'before_val_iter', batch_idx=idx, data_batch=data_batch)
        with autocast(enabled=self.fp16):
            data = self.model.data_preprocessor(data_batch, False)
            outputs = self.model.predict_all(data['inputs'],
                                             data['data_samples'])
        self.evaluator.process(
            data_samples=outputs['teacher'], data_batch=data_batch)
        for name, evaluator in self.branch_evaluators.items():
            evaluator.process(data_samples=outputs[name], data_batch=data_batch)
        self.runner.call_hook(
            'after_val_iter',
            batch_idx=idx,
            data_batch=data_batch,
            outputs=outputs['teacher'])
