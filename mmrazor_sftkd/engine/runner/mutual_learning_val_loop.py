"""Validation of every peer of a mutual-learning algorithm in one pass."""
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
class MutualLearningValLoop(ValLoop):
    """Validate each peer of a mutual-learning model (e.g. ``IEDML``).

    Written for IE-DML (Huang et al., "Revisiting Knowledge Distillation: An
    Inheritance and Exploration Framework", CVPR 2021, arXiv 2107.00181),
    where two peers train together and both are results. Like MMRazor's
    ``SingleTeacherDistillValLoop`` the first network keeps plain metric
    names (``accuracy/top1``, which ``save_best='auto'`` uses); every other
    one is prefixed by its name (``peer2.accuracy/top1``). What it adds:
    the data is preprocessed once per batch and fed to every peer
    (``model.predict_all``, a dict ``{name: predictions}`` whose first entry
    is the plain one), with one evaluator per peer, so it works with models
    that have no ``teacher`` attribute and under
    ``MMSeparateDistributedDataParallel``.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per peer.
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
            raise TypeError('MutualLearningValLoop needs a model with '
                            '`predict_all` (e.g. IEDML), got '
                            f'{type(model).__name__}.')
        self.model = model
        self.peer_evaluators: Dict[str, Evaluator] = {}

    def run(self) -> dict:
        """Validate once; return every peer's metrics."""
        self.runner.call_hook('before_val')
        self.runner.call_hook('before_val_epoch')
        self.runner.model.eval()
        self.peer_evaluators = {}
        for idx, data_batch in enumerate(self.dataloader):
            self.run_iter(idx, data_batch)
        size = len(self.dataloader.dataset)
        metrics = {}
        for index, (name, evaluator) in enumerate(
                self.peer_evaluators.items()):
            for key, value in evaluator.evaluate(size).items():
                metrics[key if index == 0 else f'{name}.{key}'] = value
        self.runner.call_hook('after_val_epoch', metrics=metrics)
        self.runner.call_hook('after_val')
        return metrics

    @torch.no_grad()
    def run_iter(self, idx, data_batch: Sequence[dict]) -> None:
        """Predict with every peer; feed each peer's evaluator."""
        self.runner.call_hook(
            'before_val_iter', batch_idx=idx, data_batch=data_batch)
        with autocast(enabled=self.fp16):
            data = self.model.data_preprocessor(data_batch, False)
            outputs = self.model.predict_all(data['inputs'],
                                             data['data_samples'])
        first = None
        for index, (name, predictions) in enumerate(outputs.items()):
            if name not in self.peer_evaluators:
                self.peer_evaluators[name] = (
                    self.evaluator if index == 0 else copy.deepcopy(
                        self.evaluator))
            self.peer_evaluators[name].process(
                data_samples=predictions, data_batch=data_batch)
            first = predictions if first is None else first
        self.runner.call_hook(
            'after_val_iter',
            batch_idx=idx,
            data_batch=data_batch,
            outputs=first)
