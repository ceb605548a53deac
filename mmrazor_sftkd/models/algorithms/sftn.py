"""SFTN: student-friendly teacher training (Park et al., NeurIPS 2021)."""
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModel
from mmengine.runner import load_checkpoint
from mmpretrain.structures import DataSample
from mmrazor.models.algorithms import BaseAlgorithm
from mmrazor.models.task_modules.recorder import RecorderManager
from mmrazor.registry import MODELS

from mmrazor_sftkd.models.architectures import (StudentBranch,
                                                build_stage_transform)
from mmrazor_sftkd.structures import logits_to_predictions
from mmrazor_sftkd.utils.exceptions import ConfigError

AttachPoints = Sequence[Tuple[str, str]]


def stage_output_shapes(model: nn.Module, names: Sequence[str],
                        input_size: Sequence[int]) -> Dict[str, tuple]:
    """``(C, H, W)`` of the named modules' outputs, by a dry forward pass.

    The model runs once in eval mode without gradients on a zero batch of
    ``input_size`` (H, W); its train/eval state is restored afterwards.
    """
    modules = dict(model.named_modules())
    shapes, handles = {}, []
    for name in names:

        def hook(module, inputs, output, name=name):
            shapes[name] = tuple(output.shape[1:])

        handles.append(modules[name].register_forward_hook(hook))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(torch.zeros(2, 3, *input_size), mode='tensor')
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return shapes


def stage_names(model: nn.Module, role: str) -> List[str]:
    """Attachable stage names ``backbone.<stage>`` of a classifier."""
    backbone = getattr(model, 'backbone', None)
    names = getattr(backbone, 'stage_names', None)
    if names is None:
        raise ConfigError(
            f'SFTN: the {role} backbone {type(backbone).__name__} does not '
            'expose `stage_names` (its stages in forward order), which SFTN '
            'needs to cut it into blocks. Use a backbone from '
            'mmrazor_sftkd.models.backbones or add the property.')
    return [f'backbone.{name}' for name in names]


@MODELS.register_module()
class SFTN(BaseAlgorithm):
    """Train a teacher together with student branches (SFTN, stage 1).

    Implements the student-aware teacher training of Park et al.,
    "Learning Student-Friendly Teacher Networks for Knowledge Distillation"
    (NeurIPS 2021, arXiv 2102.07650). The teacher (``architecture``) is a
    plain classifier; after teacher stage ``i`` a :class:`StudentBranch`
    (conv-BN-ReLU transform, then the student's stages ``i+1..N``, neck and
    head) produces logits ``z_Bi``. The loss is::

        L = CE(z_T, y)                       # the teacher head's own loss
          + sum_i loss_branch_ce(z_Bi, y)
          + sum_i loss_branch_kl(z_Bi, z_T)  # tau^2 KL(p_T || p_Bi)

    or the mean over branches (``branch_reduction='mean'``). Nothing is
    detached: the branch losses update the teacher's blocks, which is the
    point of the method. The teacher's stage outputs are captured with
    MMRazor's ``ModuleOutputs`` recorders; the transform's channels, stride
    and upsampling are inferred by a dry forward pass. Only the teacher is
    kept: :class:`TeacherExportHook` writes it as a plain classifier
    checkpoint that any MMRazor distiller loads.

    Args:
        architecture (dict | BaseModel): The teacher classifier.
        student (dict): Config of the student classifier whose stages, neck
            and head the branches copy (each branch builds its own).
        attach_points (Sequence[Tuple[str, str]], optional): Pairs
            ``(teacher module, student stage)`` such as
            ``('backbone.layer1', 'backbone.layer1')``: branch ``i`` takes
            the output of the teacher module and continues with the student
            stages after the student stage. Defaults to every teacher stage
            but the last, paired in order with the student's stages.
        input_size (Sequence[int]): ``(H, W)`` of the dry forward pass used
            to infer the transforms. Defaults to (32, 32).
        transform_kernel_size (int): Kernel size of the transform conv.
            Defaults to 3.
        loss_branch_ce (dict): Cross-entropy of the branches
            (``loss_weight`` is l_CE).
        loss_branch_kl (dict): KL between teacher and branch logits
            (``loss_weight`` is l_KL, ``tau`` the temperature). Keep
            ``teacher_detach=False``: the paper trains the teacher through it.
        branch_reduction (str): ``'sum'`` (the paper's formula) or
            ``'mean'`` over branches. Defaults to ``'sum'``.
        teacher_ckpt (str, optional): Start the teacher from this checkpoint
            (the paper's fine-tuning ablation). Loaded weights-only.
        data_preprocessor (dict, optional): Defaults to the teacher's.
        init_cfg (dict, optional): Initialisation config.
    """

    REDUCTIONS = ('sum', 'mean')

    def __init__(self,
                 architecture: Union[BaseModel, Dict],
                 student: Dict,
                 attach_points: Optional[AttachPoints] = None,
                 input_size: Sequence[int] = (32, 32),
                 transform_kernel_size: int = 3,
                 loss_branch_ce: Dict = dict(
                     type='mmpretrain.CrossEntropyLoss', loss_weight=1.0),
                 loss_branch_kl: Dict = dict(
                     type='LogSpaceKLDivergence',
                     tau=1.0,
                     loss_weight=3.0,
                     teacher_detach=False),
                 branch_reduction: str = 'sum',
                 teacher_ckpt: Optional[str] = None,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None):
        super().__init__(architecture, data_preprocessor, init_cfg)
        if branch_reduction not in self.REDUCTIONS:
            raise ConfigError(f'SFTN: branch_reduction must be one of '
                              f'{list(self.REDUCTIONS)}, got '
                              f'{branch_reduction!r}.')
        self.branch_reduction = branch_reduction
        if teacher_ckpt:
            load_checkpoint(self.architecture, teacher_ckpt, strict=True)
            self.architecture._is_init = True

        students = [MODELS.build(student)]
        pairs = self._resolve_attach_points(attach_points, students[0])
        students += [MODELS.build(student) for _ in pairs[1:]]
        teacher_shapes = stage_output_shapes(self.architecture,
                                             [t for t, _ in pairs],
                                             input_size)
        student_shapes = stage_output_shapes(students[0],
                                             [s for _, s in pairs],
                                             input_size)
        all_student_stages = stage_names(students[0], 'student')

        branches = {}
        for index, ((t_name, s_name), model) in enumerate(
                zip(pairs, students), start=1):
            name = f'branch{index}'
            transform = build_stage_transform(
                teacher_shapes[t_name],
                student_shapes[s_name],
                transform_kernel_size,
                where=f'SFTN {name} ({t_name} -> {s_name})')
            later = all_student_stages[all_student_stages.index(s_name) + 1:]
            stages = {
                stage.split('.', 1)[1]:
                getattr(model.backbone,
                        stage.split('.', 1)[1])
                for stage in later
            }
            branches[name] = StudentBranch(
                transform, stages, getattr(model, 'neck', None), model.head)
        self.branches = nn.ModuleDict(branches)
        self.attach_points = pairs

        self.recorders = RecorderManager({
            name: dict(type='ModuleOutputs', source=t_name)
            for name, (t_name, _) in zip(self.branches, pairs)
        })
        self.recorders.initialize(self.architecture)
        self.loss_branch_ce = MODELS.build(loss_branch_ce)
        self.loss_branch_kl = MODELS.build(loss_branch_kl)

    def _resolve_attach_points(self, attach_points: Optional[AttachPoints],
                               student: nn.Module) -> List[Tuple[str, str]]:
        teacher_stages = stage_names(self.architecture, 'teacher')
        student_stages = stage_names(student, 'student')
        if attach_points is None:
            if len(teacher_stages) != len(student_stages):
                raise ConfigError(
                    f'SFTN: the teacher has {len(teacher_stages)} stages '
                    f'({teacher_stages}) and the student '
                    f'{len(student_stages)} ({student_stages}); give '
                    'attach_points=[(teacher_stage, student_stage), ...] '
                    'explicitly.')
            return list(zip(teacher_stages[:-1], student_stages[:-1]))
        if not attach_points:
            raise ConfigError('SFTN: attach_points is empty; SFTN needs at '
                              'least one student branch.')
        teacher_modules = dict(self.architecture.named_modules())
        pairs = []
        for pair in attach_points:
            if len(pair) != 2:
                raise ConfigError(
                    'SFTN: each attach point is a pair (teacher module, '
                    f'student stage), got {pair!r}.')
            t_name, s_name = pair
            if t_name not in teacher_modules:
                raise ConfigError(
                    f'SFTN: teacher module {t_name!r} does not exist. '
                    f'Available teacher stages: {teacher_stages}.')
            if s_name not in student_stages:
                raise ConfigError(
                    f'SFTN: student stage {s_name!r} does not exist. '
                    f'Available student stages: {student_stages}.')
            pairs.append((t_name, s_name))
        return pairs

    def _branch_logits(self, inputs: torch.Tensor
                       ) -> Tuple[torch.Tensor, Dict[str, torch.Tensor]]:
        """Teacher logits and every branch's logits, in one teacher pass."""
        with self.recorders:
            feats = self.architecture.extract_feat(inputs)
        teacher_logits = self.architecture.head(feats)
        branch_logits = {
            name: branch(self.recorders.get_recorder(name).get_record_data())
            for name, branch in self.branches.items()
        }
        return teacher_logits, branch_logits

    def loss(self, inputs: torch.Tensor,
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        """The SFTN joint loss; every term is logged under its own name."""
        target = torch.cat([sample.gt_label for sample in data_samples])
        teacher_logits, branch_logits = self._branch_logits(inputs)
        losses = {
            'teacher.loss_ce':
            self.architecture.head.loss_module(
                teacher_logits, target, avg_factor=target.numel())
        }
        scale = 1.0 / len(branch_logits) \
            if self.branch_reduction == 'mean' else 1.0
        for name, logits in branch_logits.items():
            losses[f'{name}.loss_ce'] = scale * self.loss_branch_ce(
                logits, target, avg_factor=target.numel())
            losses[f'{name}.loss_kl'] = scale * self.loss_branch_kl(
                logits, teacher_logits)
        return losses

    def predict_all(self, inputs: torch.Tensor,
                    data_samples: List[DataSample]
                    ) -> Dict[str, List[DataSample]]:
        """Predictions of the teacher (``'teacher'``) and of each branch."""
        teacher_logits, branch_logits = self._branch_logits(inputs)
        outputs = {'teacher': logits_to_predictions(teacher_logits, data_samples)}
        for name, logits in branch_logits.items():
            outputs[name] = logits_to_predictions(logits, data_samples)
        return outputs
