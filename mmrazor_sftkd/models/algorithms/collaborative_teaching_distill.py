"""Collaborative teaching KD (Zhao et al., "Highlight Every Step", 2019)."""
from typing import Dict, List, Sequence, Union

import torch
from mmengine.model import BaseModel
from mmengine.optim import OptimWrapper, OptimWrapperDict
from mmpretrain.structures import DataSample
from mmrazor.models.algorithms import SingleTeacherDistill
from mmrazor.models.utils import add_prefix
from mmrazor.registry import MODELS

from mmrazor_sftkd.models.distillers import CollaborativeTeachingDistiller
from mmrazor_sftkd.structures import logits_to_predictions
from mmrazor_sftkd.utils.exceptions import ConfigError
from mmrazor_sftkd.utils.joint_update import joint_update_params


@MODELS.register_module()
class CollaborativeTeachingDistill(SingleTeacherDistill):
    """MMRazor's ``SingleTeacherDistill`` plus a scratch teacher.

    Implements "Highlight Every Step: Knowledge Distillation via
    Collaborative Teaching" (Zhao, Sun, Dong, Chen, Liu, Dong; arXiv
    1907.09643). The *expert* is MMRazor's ``teacher``: pretrained, loaded
    from ``teacher_ckpt``, frozen, its BN in eval mode, all as MMRazor does
    it (and, since it never trains, its dropout is off too). What this
    class adds is the *scratch teacher*, trained from scratch in the same
    run with its own cross-entropy and recorders, whose outputs guide the
    student at every step. Nothing from the student reaches it
    (:class:`CollaborativeTeachingDistiller` detaches its inputs to losses
    that read the student), so it trains as it would alone.

    One step: data -> :meth:`loss` (scratch teacher with
    ``scratch_recorders`` and its CE; then ``SingleTeacherDistill.loss``:
    expert with ``teacher_recorders``, student with ``student_recorders``
    and its CE, ``distiller.compute_distill_losses``) -> one backward of
    the sum -> each optimizer wrapper steps.

    Losses: ``scratch.loss``, ``student.loss`` and the distiller's
    ``distill.*`` (e.g. ``gamma * mean_b ||stopgrad(z_sc) - z_s||^2`` and
    ``beta * AT(expert_j, student_j)``).

    Optimisation: one optimizer wrapper (the released recipe, one SGD over
    both trained networks), or an ``OptimWrapperDict`` with the keys
    ``'architecture'`` (student) and ``'scratch_teacher'``, each with its
    own LR schedule; the gradients are disjoint, so one backward pass
    serves both (:func:`~mmrazor_sftkd.utils.joint_update.
    joint_update_params`, which also says how AMP's loss scaler is shared).

    Args:
        architecture (dict | BaseModel): The student classifier.
        scratch_teacher (dict | BaseModel): The scratch teacher classifier.
        teacher (dict | BaseModel): The expert classifier.
        **kwargs: ``SingleTeacherDistill``'s other arguments:
            ``teacher_ckpt``, ``distiller`` (a
            :class:`CollaborativeTeachingDistiller`) ...
    """

    OPTIM_KEYS = ('architecture', 'scratch_teacher')
    #: Networks whose predictions never change (validated once by
    #: ``MultiModelValLoop``).
    frozen_networks = ('expert', )

    def __init__(self, architecture: Union[BaseModel, Dict],
                 scratch_teacher: Union[BaseModel, Dict],
                 teacher: Union[BaseModel, Dict], **kwargs) -> None:
        # Built student, scratch teacher, expert: the scratch teacher's
        # random initial weights then do not depend on the expert's network.
        built = [MODELS.build(net) if isinstance(net, dict) else net
                 for net in (architecture, scratch_teacher, teacher)]
        super().__init__(architecture=built[0], teacher=built[2], **kwargs)
        if not isinstance(self.distiller, CollaborativeTeachingDistiller):
            raise ConfigError(
                'CollaborativeTeachingDistill: the distiller must be a '
                'CollaborativeTeachingDistiller (it records the scratch '
                f'teacher), got {type(self.distiller).__name__}.')
        if self.teacher_trainable:
            raise ConfigError(
                'CollaborativeTeachingDistill: the expert is pretrained and '
                'frozen; teacher_trainable=True is not CTKD (the scratch '
                'teacher is the one that trains).')
        self.scratch_teacher = built[1]
        self.set_module_inplace_false(self.scratch_teacher,
                                      'self.scratch_teacher')
        self.distiller.prepare_from_scratch(self.scratch_teacher)

    @property
    def expert(self) -> BaseModel:
        """The paper's name for MMRazor's ``teacher``."""
        return self.teacher

    def loss(self, batch_inputs: torch.Tensor,
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        """``scratch.*`` (the scratch teacher's CE), then MMRazor's
        ``student.*`` and ``distill.*``."""
        with self.distiller.scratch_recorders:
            losses = add_prefix(
                self.scratch_teacher(batch_inputs, data_samples, mode='loss'),
                'scratch')
        losses.update(super().loss(batch_inputs, data_samples))
        return losses

    def train_step(self, data: Union[dict, tuple, list],
                   optim_wrapper: Union[OptimWrapper, OptimWrapperDict]
                   ) -> Dict[str, torch.Tensor]:
        """MMEngine's step, or with one wrapper per trained network: one
        forward, one backward, then each wrapper steps."""
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
        loss, log_vars = self.parse_losses(losses)
        joint_update_params([student_ow, scratch_ow], loss)
        return log_vars

    def train(self, mode: bool = True) -> 'CollaborativeTeachingDistill':
        """Set the train mode; the frozen expert stays in eval mode."""
        super().train(mode)
        self.teacher.eval()
        return self

    @torch.no_grad()
    def predict_all(self,
                    inputs: torch.Tensor,
                    data_samples: List[DataSample],
                    skip: Sequence[str] = ()) -> Dict[str, List[DataSample]]:
        """Predictions of ``'student'``, ``'scratch'`` and ``'expert'``, but
        those named in ``skip``."""
        networks = dict(student=self.student, scratch=self.scratch_teacher,
                        expert=self.teacher)
        return {
            name: logits_to_predictions(
                model(inputs, data_samples, mode='tensor'), data_samples)
            for name, model in networks.items() if name not in skip
        }
