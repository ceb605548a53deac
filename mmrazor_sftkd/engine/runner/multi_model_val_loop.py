"""One-pass validation of every network of a multi-network algorithm."""
import copy
import os.path as osp
from typing import Dict, List, Sequence, Union

import torch
from mmengine.evaluator import Evaluator
from mmengine.model import is_model_wrapper
from mmengine.runner import ValLoop
from mmengine.runner.amp import autocast
from mmrazor.registry import LOOPS
from torch.utils.data import DataLoader


@LOOPS.register_module()
class MultiModelValLoop(ValLoop):
    """Validate several networks of one model on one pass over the data.

    MMRazor's ``SingleTeacherDistillValLoop`` runs the data once per network
    and needs a ``teacher`` attribute. This loop preprocesses each batch
    once, asks the model for every network's predictions
    (``model.predict_all(inputs, data_samples)``, an ordered dict
    ``{name: predictions}``) and feeds one evaluator per network. The first
    network keeps plain metric names (``accuracy/top1``, used by
    ``save_best='auto'``); every other one is prefixed by its name
    (``branch1.accuracy/top1``), and its dump files carry its name
    (``tools/test.py --out preds.pkl`` writes ``preds.pkl`` and
    ``preds_branch1.pkl``). It looks through any model wrapper, so it also
    works under ``MMSeparateDistributedDataParallel``. SFTN (teacher and
    branches), CTKD (student, ``scratch``, ``expert``) and IE-DML (``peer1``,
    ``peer2``) configs name it directly:
    ``val_cfg = dict(type='mmrazor.MultiModelValLoop')``.

    Networks the model lists in ``frozen_networks`` (CTKD's pretrained
    expert) never change, so they are validated on the first run only; later
    runs ask ``predict_all`` to ``skip`` them and report their first
    metrics again. A frozen resnet56 validated every epoch costs a digits
    run about as much as its student's validation and more.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per network.
        fp16 (bool): Validate under autocast. Defaults to False.
    """

    #: Which runner hooks this loop calls (``before_val``, ...).
    hook_stage = 'val'

    def __init__(self,
                 runner,
                 dataloader: Union[DataLoader, Dict],
                 evaluator: Union[Evaluator, Dict, List],
                 fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        if not hasattr(model, 'predict_all'):
            raise TypeError(f'{type(self).__name__} needs a model with '
                            '`predict_all` (SFTN, CollaborativeTeachingDistill'
                            f', IEDML), got {type(model).__name__}.')
        self.model = model
        self.evaluators: Dict[str, Evaluator] = {}
        #: The first metrics of each frozen network, by name.
        self.frozen_metrics: Dict[str, dict] = {}

    def run(self) -> dict:
        """Validate once; return the metrics of every network."""
        self.runner.call_hook(f'before_{self.hook_stage}')
        self.runner.call_hook(f'before_{self.hook_stage}_epoch')
        self.runner.model.eval()
        self.evaluators = {}
        for idx, data_batch in enumerate(self.dataloader):
            self.run_iter(idx, data_batch)
        size = len(self.dataloader.dataset)
        metrics = {}
        frozen = getattr(self.model, 'frozen_networks', ())
        for index, (name, evaluator) in enumerate(self.evaluators.items()):
            if name in self.frozen_metrics:
                network_metrics = self.frozen_metrics[name]
            else:
                network_metrics = evaluator.evaluate(size)
                if name in frozen and index > 0:
                    self.frozen_metrics[name] = network_metrics
            for key, value in network_metrics.items():
                metrics[key if index == 0 else f'{name}.{key}'] = value
        self.runner.call_hook(
            f'after_{self.hook_stage}_epoch', metrics=metrics)
        self.runner.call_hook(f'after_{self.hook_stage}')
        return metrics

    def _network_evaluator(self, name: str) -> Evaluator:
        """A copy of the evaluator for network ``name``.

        Metrics that write a file (``DumpResults`` and others with an
        ``out_file_path``) get the network's name before the extension
        (``preds.pkl`` -> ``preds_branch1.pkl``), so no network's file
        overwrites another's.
        """
        evaluator = copy.deepcopy(self.evaluator)
        for metric in evaluator.metrics:
            path = getattr(metric, 'out_file_path', None)
            if isinstance(path, str):
                root, ext = osp.splitext(path)
                metric.out_file_path = f'{root}_{name}{ext}'
        return evaluator

    @torch.no_grad()
    def run_iter(self, idx, data_batch: Sequence[dict]) -> None:
        """Predict with every network; feed each network's evaluator."""
        self.runner.call_hook(
            f'before_{self.hook_stage}_iter',
            batch_idx=idx,
            data_batch=data_batch)
        with autocast(enabled=self.fp16):
            data = self.model.data_preprocessor(data_batch, False)
            skip = tuple(self.frozen_metrics)
            outputs = self.model.predict_all(
                data['inputs'], data['data_samples'],
                **(dict(skip=skip) if skip else {}))
        if not self.evaluators:  # copies of the still empty evaluator
            names = list(outputs) + [
                name for name in self.frozen_metrics if name not in outputs
            ]
            self.evaluators = {
                name: self.evaluator
                if index == 0 else self._network_evaluator(name)
                for index, name in enumerate(names)
            }
        for name, predictions in outputs.items():
            self.evaluators[name].process(
                data_samples=predictions, data_batch=data_batch)
        self.runner.call_hook(
            f'after_{self.hook_stage}_iter',
            batch_idx=idx,
            data_batch=data_batch,
            outputs=next(iter(outputs.values())))
