"""SFTN: student-friendly teacher training (Park et al., NeurIPS 2021)."""
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModel
from mmpretrain.structures import DataSample
from mmrazor.models.algorithms import BaseAlgorithm
from mmrazor.models.task_modules.recorder import RecorderManager
from mmrazor.registry import MODELS

from mmrazor_sftkd.models.architectures import (StudentBranch,
                                                build_stage_transform,
                                                build_student_tail,
                                                output_shape)
from mmrazor_sftkd.models.losses import head_loss
from mmrazor_sftkd.structures import logits_to_predictions
from mmrazor_sftkd.utils.checkpoint_fit import load_fitting_checkpoint
from mmrazor_sftkd.utils.exceptions import ConfigError

AttachPoints = Sequence[Tuple[str, str]]


def module_output_shapes(model: nn.Module, names: Sequence[str],
                         input_size: Sequence[int],
                         where: str) -> Dict[str, tuple]:
    """``(C, H, W)`` of the named modules' outputs, by a dry forward pass.

    The model runs once in eval mode without gradients on a zero batch of
    ``input_size`` (H, W); its train/eval state is restored afterwards.
    """
    modules = dict(model.named_modules())
    outputs, handles = {}, []
    for name in names:

        def hook(module, inputs, output, name=name):
            outputs[name] = output

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
    missing = [name for name in names if name not in outputs]
    if missing:
        raise ConfigError(f'{where}: {missing} never run in the forward '
                          'pass; attach to modules that do.')
    return {
        name: output_shape(outputs[name], name, where)
        for name in names
    }


def stage_paths(model: nn.Module) -> Optional[List[str]]:
    """The backbone's stages in forward order, as module paths, if known.

    Read from the attribute each backbone family keeps: ``stage_names``
    (this package's CIFAR backbones), ``res_layers`` (mmpretrain's ResNet
    family and RegNet), ``stages`` (ConvNeXt), ``layers`` (MobileNetV2/V3,
    ShuffleNetV2, EfficientNet). None if the backbone has none of them.
    """
    backbone = getattr(model, 'backbone', None)
    for attr in ('stage_names', 'res_layers', 'stages', 'layers'):
        stages = getattr(backbone, attr, None)
        if isinstance(stages, nn.ModuleList):
            return [f'backbone.{attr}.{i}' for i in range(len(stages))]
        if isinstance(stages, (list, tuple)) and stages and \
                all(isinstance(name, str) for name in stages):
            return [f'backbone.{name}' for name in stages]
    return None


@MODELS.register_module()
class SFTN(BaseAlgorithm):
    """Train a teacher together with student branches (SFTN, stage 1).

    Implements the student-aware teacher training of Park et al.,
    "Learning Student-Friendly Teacher Networks for Knowledge Distillation"
    (NeurIPS 2021, arXiv 2102.07650). The teacher (``architecture``) and the
    student are any mmpretrain classifiers. Branch ``i`` takes the output of
    a teacher module, maps it with a conv-BN-ReLU transform onto the output
    of a student module, and continues through the rest of the student's own
    forward (its later stages, whatever the backbone does between and after
    them, neck and head) to logits ``z_Bi``. The loss is::

        L = CE_T(z_T, y)                            # the teacher head's loss
          + sum_i branch_ce_weight * CE_S(z_Bi, y)  # the student head's loss
          + sum_i loss_branch_kl(z_Bi, z_T)         # tau^2 KL(p_T || p_Bi)

    or the mean over branches (``branch_reduction='mean'``). Each CE is the
    head's own loss on the head's own targets, so batch augments
    (Mixup/CutMix ``gt_score``), soft-label heads and label smoothing apply
    as in a stock classifier. Nothing is detached: the branch losses update
    the teacher, which is the point of the method.

    One step: data -> ``loss`` -> teacher ``extract_feat`` under MMRazor
    ``ModuleOutputs`` recorders -> each branch on its recorded feature ->
    head losses and ``loss_branch_kl``.

    What it adds over MMRazor: a teacher trained jointly with student
    branches. The branch transform's channels, stride and upsampling come
    from a dry forward pass; the student side is traced once with
    ``torch.fx`` (:func:`build_student_tail`), so no student layer before
    the attach point is kept or recomputed. Only the teacher is kept:
    :class:`TeacherExportHook` writes it as a plain classifier checkpoint
    that any MMRazor distiller loads.

    Args:
        architecture (dict | BaseModel): The teacher classifier. Its
            ``init_cfg`` (for example ``Pretrained``) initialises it.
        student (dict): Config of the student classifier; each branch
            builds its own copy, and the student's ``init_cfg`` initialises
            every copy.
        attach_points (Sequence[Tuple[str, str]], optional): Pairs
            ``(teacher module, student module)`` of module paths such as
            ``('backbone.layer1', 'backbone.layer1')`` or
            ``('backbone.stages.1', 'backbone.stages.1')``. Defaults to every
            teacher stage but the last, paired in order with the student's
            stages when both have as many, else with the student's last
            stage of the same spatial size.
        input_size (Sequence[int]): ``(H, W)`` of the dry forward pass used
            to infer the transforms. Defaults to (32, 32).
        transform_kernel_size (int): Kernel size of the transform conv.
            Defaults to 3.
        branch_ce_weight (float): l_CE, the weight of each branch's
            cross-entropy (the student head's own loss). Defaults to 1.
        loss_branch_kl (dict): KL between teacher and branch logits
            (``loss_weight`` is l_KL, ``tau`` the temperature). Keep
            ``teacher_detach=False``: the paper trains the teacher through it.
            The defaults (l_CE = 1, l_KL = 3, tau = 1) are those of the one
            public SFTN reimplementation; the paper's formula sums over
            branches.
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
                 branch_ce_weight: float = 1.0,
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
        self.branch_ce_weight = branch_ce_weight
        if teacher_ckpt:
            load_fitting_checkpoint(self.architecture, teacher_ckpt,
                                    'model.teacher_ckpt',
                                    'the SFTN teacher (model.architecture)')
            self.architecture._is_init = True

        first = MODELS.build(student)
        pairs = self._resolve_attach_points(attach_points, first, input_size)
        teacher_shapes = module_output_shapes(
            self.architecture, [t for t, _ in pairs], input_size,
            'SFTN teacher')
        student_shapes = module_output_shapes(first, [s for _, s in pairs],
                                              input_size, 'SFTN student')
        # Kept outside the module tree: each branch holds only the part of
        # its student after the attach point, but the whole student owns the
        # init_cfg (a pretrained checkpoint) that init_weights applies.
        self._branch_students = [first] + [
            MODELS.build(student) for _ in pairs[1:]
        ]
        branches = {}
        for index, ((t_name, s_name), model) in enumerate(
                zip(pairs, self._branch_students), start=1):
            name = f'branch{index}'
            where = f'SFTN {name} ({t_name} -> {s_name})'
            transform = build_stage_transform(teacher_shapes[t_name],
                                              student_shapes[s_name],
                                              transform_kernel_size, where)
            branches[name] = StudentBranch(
                transform, build_student_tail(model, s_name, where))
        self.branches = nn.ModuleDict(branches)
        self.attach_points = pairs

        self.recorders = RecorderManager({
            name: dict(type='ModuleOutputs', source=t_name)
            for name, (t_name, _) in zip(self.branches, pairs)
        })
        self.recorders.initialize(self.architecture)
        self.loss_branch_kl = MODELS.build(loss_branch_kl)

    def init_weights(self) -> None:
        """Initialise the teacher and the branches, then every student copy.

        A student ``init_cfg`` (for example ``Pretrained``) reaches the
        branches through their students, whose modules the branches share.
        """
        super().init_weights()
        for student in self._branch_students:
            student.init_weights()

    def _resolve_attach_points(self, attach_points: Optional[AttachPoints],
                               student: nn.Module, input_size: Sequence[int]
                               ) -> List[Tuple[str, str]]:
        if attach_points is None:
            return self._default_attach_points(student, input_size)
        if not attach_points:
            raise ConfigError('SFTN: attach_points is empty; SFTN needs at '
                              'least one student branch.')
        teacher_modules = dict(self.architecture.named_modules())
        student_modules = dict(student.named_modules())
        pairs = []
        for pair in attach_points:
            if len(pair) != 2:
                raise ConfigError(
                    'SFTN: each attach point is a pair (teacher module, '
                    f'student module), got {pair!r}.')
            t_name, s_name = pair
            for name, modules, model, role in (
                    (t_name, teacher_modules, self.architecture, 'teacher'),
                    (s_name, student_modules, student, 'student')):
                if name not in modules:
                    raise ConfigError(
                        f'SFTN: {role} module {name!r} does not exist. '
                        f'Available {role} stages: {stage_paths(model)}.')
            pairs.append((t_name, s_name))
        return pairs

    def _default_attach_points(self, student: nn.Module,
                               input_size: Sequence[int]
                               ) -> List[Tuple[str, str]]:
        """Every teacher stage but the last, with a student stage each."""
        teacher_stages = stage_paths(self.architecture)
        student_stages = stage_paths(student)
        for stages, model, role in (
                (teacher_stages, self.architecture, 'teacher'),
                (student_stages, student, 'student')):
            if not stages:
                raise ConfigError(
                    f'SFTN: cannot find the stages of the {role} backbone '
                    f'{type(model.backbone).__name__}; give '
                    'attach_points=[(teacher module, student module), ...].')
        if len(teacher_stages) == len(student_stages):
            return list(zip(teacher_stages[:-1], student_stages[:-1]))
        # Different stage counts: pair by the spatial size of the outputs.
        t_shapes = module_output_shapes(self.architecture, teacher_stages,
                                        input_size, 'SFTN teacher')
        s_shapes = module_output_shapes(student, student_stages, input_size,
                                        'SFTN student')
        pairs = []
        for t_name in teacher_stages[:-1]:
            same = [
                s for s in student_stages[:-1]
                if s_shapes[s][1:] == t_shapes[t_name][1:]
            ]
            if not same:
                raise ConfigError(
                    f'SFTN: the teacher has {len(teacher_stages)} stages '
                    f'({teacher_stages}) and the student '
                    f'{len(student_stages)} ({student_stages}), and no '
                    f'student stage but the last has the spatial size of '
                    f'{t_name} ({t_shapes[t_name][1:]}); give '
                    'attach_points=[(teacher module, student module), ...] '
                    'explicitly.')
            pairs.append((t_name, same[-1]))
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
        teacher_logits, branch_logits = self._branch_logits(inputs)
        losses = {
            'teacher.loss_ce':
            head_loss(self.architecture.head, teacher_logits, data_samples)
        }
        scale = 1.0 / len(branch_logits) \
            if self.branch_reduction == 'mean' else 1.0
        for name, logits in branch_logits.items():
            ce = head_loss(self.branches[name].head, logits, data_samples)
            losses[f'{name}.loss_ce'] = scale * self.branch_ce_weight * ce
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
