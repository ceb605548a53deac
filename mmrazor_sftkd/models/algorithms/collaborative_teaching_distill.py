"""Collaborative teaching KD (Zhao et al., "Highlight Every Step", 2019)."""
import os.path as osp
from typing import Dict, List, Optional, Sequence, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModel
from mmengine.optim import OptimWrapper, OptimWrapperDict
from mmpretrain.structures import DataSample
from mmrazor.models.algorithms import BaseAlgorithm
from mmrazor.models.utils import add_prefix
from mmrazor.registry import MODELS

from mmrazor_sftkd.structures import logits_to_predictions
from mmrazor_sftkd.utils.checkpoint_fit import load_fitting_checkpoint
from mmrazor_sftkd.utils.exceptions import ConfigError

#: Loss-name prefix and validation-metric prefix of each network.
PREFIXES = dict(student='student', scratch='scratch', expert='expert')


@MODELS.register_module()
class CollaborativeTeachingDistill(BaseAlgorithm):
    """Student, scratch teacher and expert teacher trained in one run.

    Implements "Highlight Every Step: Knowledge Distillation via
    Collaborative Teaching" (Zhao, Sun, Dong, Chen, Liu, Dong; arXiv
    1907.09643). Three classifiers:

    - the student (``architecture``);
    - the *scratch teacher*, trained from scratch at the same time with its
      own cross-entropy; nothing from the student reaches it (its outputs
      enter the student's losses detached), so its updates are those of the
      scratch teacher trained alone;
    - the *expert teacher*, pretrained, loaded from ``expert_ckpt``, frozen
      (no gradients, always in eval mode: BN statistics and dropout fixed).

    Each step runs the three networks on the batch with the distiller's
    recorders on (expert under ``torch.no_grad``), then::

        L = scratch.loss  (CE of the scratch teacher, its head's loss)
          + student.loss  (CE of the student)
          + distill.*     (the distiller's losses, e.g.
                           gamma * mean_b ||stopgrad(z_sc) - z_s||^2
                           + beta * sum_j AT(expert_j, student_j))

    The distill losses, their weights and their inputs are config (see
    :class:`CollaborativeTeachingDistiller`, which also holds the switch that
    reproduces the released code's expert -> scratch-teacher pairing).

    Optimisation: with a single optimizer wrapper (the released recipe: one
    SGD over scratch teacher and student) the summed loss is stepped as in
    any MMEngine model. With an :class:`OptimWrapperDict` holding exactly the
    keys ``'architecture'`` (student) and ``'scratch_teacher'`` (built with
    ``constructor='mmrazor.SeparateOptimWrapperConstructor'``, each with its
    own LR schedule), each network's losses (its CE and the distill losses
    that train it, :attr:`CollaborativeTeachingDistiller.loss_targets`) are
    backpropagated and stepped by its own wrapper. The gradients are
    disjoint, so both modes compute the same gradients. For distributed
    training with separate optimizers use
    ``model_wrapper_cfg=dict(type='MMSeparateDistributedDataParallel')``.

    Args:
        architecture (dict | BaseModel): The student classifier.
        scratch_teacher (dict | BaseModel): The scratch teacher classifier.
        expert (dict | BaseModel): The expert teacher classifier.
        expert_ckpt (str): The expert's checkpoint: a Runner checkpoint of a
            plain classifier (``configs/teachers/*``) or a teacher export
            (tensors only, e.g. an SFTN ``epoch_N_teacher.pth``). Read
            weights-only through mmengine; a file that does not fit the
            expert is a one-line :class:`ConfigError`.
        distiller (dict): A :class:`CollaborativeTeachingDistiller` config.
        data_preprocessor (dict, optional): Defaults to the student's.
        init_cfg (dict, optional): Initialisation config.
    """

    OPTIM_KEYS = ('architecture', 'scratch_teacher')
    #: Networks whose predictions never change (validated once by
    #: ``MultiModelValLoop``).
    frozen_networks = ('expert', )

    def __init__(self,
                 architecture: Union[BaseModel, Dict],
                 scratch_teacher: Union[BaseModel, Dict],
                 expert: Union[BaseModel, Dict],
                 expert_ckpt: Optional[str] = None,
                 distiller: Optional[Dict] = None,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(architecture, data_preprocessor, init_cfg)
        if distiller is None:
            raise ConfigError('CollaborativeTeachingDistill: a distiller '
                              '(CollaborativeTeachingDistiller) is required.')
        self.distiller = MODELS.build(distiller)
        if not hasattr(self.distiller, 'prepare_from_scratch'):
            raise ConfigError(
                'CollaborativeTeachingDistill: the distiller must be a '
                'CollaborativeTeachingDistiller (it records the scratch '
                f'teacher and the expert), got '
                f'{type(self.distiller).__name__}.')
        self.scratch_teacher = self._build(scratch_teacher, 'scratch_teacher')
        self.expert = self._build(expert, 'expert')
        self.set_module_inplace_false(self.scratch_teacher,
                                      'self.scratch_teacher')
        self.set_module_inplace_false(self.expert, 'self.expert')

        self.expert_ckpt = expert_ckpt
        self._load_expert(expert_ckpt)
        for param in self.expert.parameters():
            param.requires_grad = False
        self.expert.eval()

        self.distiller.prepare_from_student(self.student)
        self.distiller.prepare_from_scratch(self.scratch_teacher)
        self.distiller.prepare_from_expert(self.expert)

    @staticmethod
    def _build(model: Union[BaseModel, Dict], role: str) -> BaseModel:
        if isinstance(model, dict):
            model = MODELS.build(model)
        if not isinstance(model, BaseModel):
            raise ConfigError(
                f'CollaborativeTeachingDistill: {role} must be a config dict '
                f'or a BaseModel, got {type(model).__name__}.')
        return model

    def _load_expert(self, ckpt: Optional[str]) -> None:
        if not ckpt:
            raise ConfigError(
                'CollaborativeTeachingDistill: expert_ckpt is required (the '
                'expert teacher is pretrained and frozen). Train it first, '
                'e.g. python tools/train.py configs/teachers/<arch>_<data>.py')
        if '://' not in ckpt and not osp.isfile(ckpt):
            raise ConfigError(
                f'CollaborativeTeachingDistill: expert_ckpt {ckpt!r}: no such '
                'file. Train the expert first (see the config header).')
        # a plain classifier: a configs/teachers/* checkpoint or an export
        load_fitting_checkpoint(self.expert, ckpt, 'model.expert_ckpt',
                                'model.expert')
        # keep the loaded weights through the runner's init_weights()
        self.expert._is_init = True

    @property
    def student(self) -> nn.Module:
        """Alias for ``architecture``."""
        return self.architecture

    # ------------------------------------------------------------------
    # training
    def loss(self, batch_inputs: torch.Tensor,
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        """All loss terms of one step, each under its own name.

        ``scratch.loss`` and ``student.loss`` are the two cross-entropies,
        ``distill.<name>`` the distiller's losses.
        """
        distiller = self.distiller
        with distiller.expert_recorders, torch.no_grad():
            self.expert(batch_inputs, data_samples, mode='tensor')
        with distiller.scratch_recorders:
            scratch_losses = self.scratch_teacher(
                batch_inputs, data_samples, mode='loss')
        with distiller.student_recorders:
            student_losses = self.student(
                batch_inputs, data_samples, mode='loss')
        losses = dict()
        losses.update(add_prefix(scratch_losses, PREFIXES['scratch']))
        losses.update(add_prefix(student_losses, PREFIXES['student']))
        losses.update(
            add_prefix(distiller.compute_distill_losses(), 'distill'))
        return losses

    def split_losses(self, losses: Dict[str, torch.Tensor]
                     ) -> Dict[str, Dict[str, torch.Tensor]]:
        """Group loss terms by the optimizer key of the network they train.

        Returns ``{'architecture': {...}, 'scratch_teacher': {...}}``; a
        distill loss that trains neither network is in neither group.
        """
        groups = {key: dict() for key in self.OPTIM_KEYS}
        owner = dict(student='architecture', scratch='scratch_teacher')
        for name, value in losses.items():
            prefix, _, rest = name.partition('.')
            if prefix == PREFIXES['student']:
                groups['architecture'][name] = value
            elif prefix == PREFIXES['scratch']:
                groups['scratch_teacher'][name] = value
            elif prefix == 'distill':
                target = self.distiller.loss_targets.get(rest)
                if target is not None:
                    groups[owner[target]][name] = value
        return groups

    def train_step(self, data: Union[dict, tuple, list],
                   optim_wrapper: Union[OptimWrapper, OptimWrapperDict]
                   ) -> Dict[str, torch.Tensor]:
        """One step with one optimizer wrapper, or one per trained network.

        A single :class:`OptimWrapper` steps the summed loss (MMEngine's
        ``BaseModel.train_step``). An :class:`OptimWrapperDict` with keys
        ``'architecture'`` and ``'scratch_teacher'``: one forward, then each
        wrapper backpropagates its network's losses and steps.
        """
        if not isinstance(optim_wrapper, OptimWrapperDict):
            return super().train_step(data, optim_wrapper)
        if set(optim_wrapper.keys()) != set(self.OPTIM_KEYS):
            raise ConfigError(
                'CollaborativeTeachingDistill: separate optimizers need '
                f'exactly the keys {list(self.OPTIM_KEYS)} (student, scratch '
                f'teacher), got {sorted(optim_wrapper.keys())}.')
        student_ow = optim_wrapper['architecture']
        scratch_ow = optim_wrapper['scratch_teacher']
        with student_ow.optim_context(self.student), \
                scratch_ow.optim_context(self.scratch_teacher):
            data = self.data_preprocessor(data, True)
            losses = self._run_forward(data, mode='loss')
        _, log_vars = self.parse_losses(losses)
        for key, group in self.split_losses(losses).items():
            total, _ = self.parse_losses(group)
            optim_wrapper[key].update_params(total)
        return log_vars

    def train(self, mode: bool = True) -> 'CollaborativeTeachingDistill':
        """Set the train mode; the expert always stays in eval mode."""
        super().train(mode)
        self.expert.eval()
        return self

    # ------------------------------------------------------------------
    # validation
    @torch.no_grad()
    def predict_all(self,
                    inputs: torch.Tensor,
                    data_samples: List[DataSample],
                    skip: Sequence[str] = ()) -> Dict[str, List[DataSample]]:
        """Predictions of ``'student'``, ``'scratch'`` and ``'expert'``, but
        those named in ``skip``."""
        networks = dict(
            student=self.student,
            scratch=self.scratch_teacher,
            expert=self.expert)
        return {
            name: logits_to_predictions(
                model(inputs, data_samples, mode='tensor'), data_samples)
            for name, model in networks.items() if name not in skip
        }
