"""Dual-teacher recorders for collaborative teaching (Zhao et al., 2019)."""
import copy
from inspect import Parameter, signature
from typing import Dict, List, Optional, Tuple

import torch
from mmrazor.models.distillers import ConfigurableDistiller
from mmrazor.models.task_modules import RecorderManager
from mmrazor.registry import MODELS
from torch import nn

from mmrazor_sftkd.utils.exceptions import ConfigError

#: Where a loss input can come from (``from_model``).
SOURCES = ('student', 'scratch', 'expert')
#: Which network the expert's losses supervise (``expert_pairing``).
PAIRINGS = ('paper', 'released')
_RECORD_KEYS = ('recorder', 'from_model', 'from_student', 'record_idx',
                'data_idx', 'connector', 'connector_idx', 'detach')


def _detach(data):
    if isinstance(data, torch.Tensor):
        return data.detach()
    if isinstance(data, (list, tuple)):
        return type(data)(_detach(item) for item in data)
    if isinstance(data, dict):
        return {key: _detach(value) for key, value in data.items()}
    return data


@MODELS.register_module()
class CollaborativeTeachingDistiller(ConfigurableDistiller):
    """Records the student, a scratch teacher and an expert teacher.

    The distiller of collaborative teaching KD, "Highlight Every Step:
    Knowledge Distillation via Collaborative Teaching" (Zhao et al., arXiv
    1907.09643), used by
    :class:`~mmrazor_sftkd.models.algorithms.CollaborativeTeachingDistill`.
    It extends MMRazor's :class:`ConfigurableDistiller` (recorders,
    connectors, ``distill_losses``, ``loss_forward_mappings``) from one
    teacher to two: the *scratch* teacher, trained from scratch at the same
    time as the student, and the frozen, pretrained *expert*.

    Every input of a loss in ``loss_forward_mappings`` names the network it
    is read from::

        dict(recorder='logits', from_model='student' | 'scratch' | 'expert')

    MMRazor's ``from_student=True`` / ``False`` still works and means
    ``'student'`` / ``'expert'`` (the expert is the pretrained teacher of
    MMRazor's single-teacher distillers; ``teacher_recorders`` are recorders
    on the expert too, merged with ``expert_recorders``). Optional keys as in
    MMRazor: ``record_idx``, ``data_idx``, ``connector``, ``connector_idx``,
    plus ``detach``.

    Gradient rules, checked once when the distiller is built:

    - Nothing from the student reaches the scratch teacher: in a loss that
      takes any student input, every scratch-teacher input is detached
      (``detach`` defaults to True there; ``detach=False`` is a
      :class:`ConfigError`). This is the paper's gradient block on the
      step-wise guidance ``|| stopgrad(z_sc) - z_s ||^2``.
    - A loss without student inputs trains the scratch teacher through its
      scratch inputs (``detach`` defaults to False there).
    - The expert is frozen: its inputs are always detached.

    Each distill loss therefore trains exactly one network (or none), listed
    in :attr:`loss_targets` (``'student'``, ``'scratch'`` or None); the
    algorithm uses it to give each loss to the right optimizer.

    ``expert_pairing`` selects which network the expert's losses reach:

    - ``'paper'`` (default): as written, the expert's attention supervises
      the student.
    - ``'released'``: reproduces the released code (HaoranZhao1988/CTKD,
      ``train.py``), which zips the six group outputs
      ``[g0, g1, g2, gs0, gs1, gs2]`` (scratch teacher, then student) with
      the expert's three, so that the expert's attention supervises the
      scratch teacher and the student gets none. In this mode every loss
      that pairs an expert input with student inputs reads those inputs
      from the scratch teacher's recorder *of the same name* instead (so
      ``scratch_recorders`` must define it), and the loss trains the
      scratch teacher.

    Args:
        student_recorders (dict, optional): Recorders on the student.
        teacher_recorders (dict, optional): Recorders on the expert (MMRazor's
            name; merged with ``expert_recorders``, names must not clash).
        scratch_recorders (dict, optional): Recorders on the scratch teacher.
        expert_recorders (dict, optional): Recorders on the expert.
        connectors (dict, optional): As in :class:`ConfigurableDistiller`.
        distill_losses (dict, optional): As in
            :class:`ConfigurableDistiller`; only losses whose name contains
            ``"loss"`` are optimised.
        loss_forward_mappings (dict, optional): Loss name -> forward argument
            -> record, see above. Every argument without a default must be
            mapped.
        expert_pairing (str): ``'paper'`` or ``'released'``, see above.
            Defaults to ``'paper'``.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 student_recorders: Optional[Dict[str, Dict]] = None,
                 teacher_recorders: Optional[Dict[str, Dict]] = None,
                 scratch_recorders: Optional[Dict[str, Dict]] = None,
                 expert_recorders: Optional[Dict[str, Dict]] = None,
                 connectors: Optional[Dict[str, Dict]] = None,
                 distill_losses: Optional[Dict[str, Dict]] = None,
                 loss_forward_mappings: Optional[Dict[str, Dict]] = None,
                 expert_pairing: str = 'paper',
                 init_cfg: Optional[Dict] = None) -> None:
        if expert_pairing not in PAIRINGS:
            raise ConfigError(
                f'CollaborativeTeachingDistiller: expert_pairing must be one '
                f'of {list(PAIRINGS)}, got {expert_pairing!r}.')
        clash = set(teacher_recorders or {}) & set(expert_recorders or {})
        if clash:
            raise ConfigError(
                'CollaborativeTeachingDistiller: teacher_recorders and '
                'expert_recorders both record the expert and share the '
                f'names {sorted(clash)}; give each recorder one name.')
        on_expert = dict(teacher_recorders or {}, **(expert_recorders or {}))
        super().__init__(
            student_recorders=student_recorders,
            teacher_recorders=on_expert or None,
            connectors=connectors,
            distill_losses=distill_losses,
            loss_forward_mappings=None,
            init_cfg=init_cfg)
        self.expert_pairing = expert_pairing
        # One manager on the expert; ``teacher_recorders`` is MMRazor's name.
        self.expert_recorders = self.teacher_recorders
        self.scratch_recorders = RecorderManager(scratch_recorders)
        self.loss_forward_mappings, self.loss_targets = \
            self._resolve_mappings(loss_forward_mappings or {})

    # ------------------------------------------------------------------
    # recorders
    def managers(self) -> Dict[str, RecorderManager]:
        """The recorder manager of each source network."""
        return dict(
            student=self.student_recorders,
            scratch=self.scratch_recorders,
            expert=self.expert_recorders)

    def prepare_from_scratch(self, model: nn.Module) -> None:
        """Initialize the scratch teacher's recorders."""
        self.scratch_recorders.initialize(model)

    def prepare_from_expert(self, model: nn.Module) -> None:
        """Initialize the expert's recorders (MMRazor's teacher recorders)."""
        self.expert_recorders.initialize(model)

    def get_record(self,
                   recorder: str,
                   from_student: Optional[bool] = None,
                   record_idx: int = 0,
                   data_idx: Optional[int] = None,
                   connector: Optional[str] = None,
                   connector_idx: Optional[int] = None,
                   from_model: Optional[str] = None,
                   detach: bool = False):
        """One record of one network, detached if asked, then connected."""
        if from_model is None:
            from_model = 'student' if from_student else 'expert'
        manager = self.managers()[from_model]
        data = manager.get_recorder(recorder).get_record_data(
            record_idx, data_idx)
        if detach:
            data = _detach(data)
        if connector:
            data = self.connectors[connector](data)
        if connector_idx is not None:
            data = data[connector_idx]
        return data

    # ------------------------------------------------------------------
    # config checks
    def _source(self, where: str, record: Dict) -> str:
        from_model = record.get('from_model')
        from_student = record.get('from_student')
        if from_student is not None and not isinstance(from_student, bool):
            raise ConfigError(f'{where}: from_student must be True or False, '
                              f'got {from_student!r}.')
        if from_model is None and from_student is None:
            raise ConfigError(
                f'{where}: say where the input comes from: from_model='
                f'{"|".join(repr(s) for s in SOURCES)} (or MMRazor\'s '
                'from_student=True/False, meaning student/expert).')
        if from_model is not None and from_model not in SOURCES:
            raise ConfigError(f'{where}: from_model must be one of '
                              f'{list(SOURCES)}, got {from_model!r}.')
        if from_student is not None:
            implied = 'student' if from_student else 'expert'
            if from_model is not None and from_model != implied:
                raise ConfigError(
                    f'{where}: from_student={from_student} means '
                    f'{implied!r} but from_model={from_model!r}; give one.')
            from_model = implied
        return from_model

    def _check_record(self, where: str, record: Dict) -> None:
        recorders = self.managers()[record['from_model']].recorders
        if record['recorder'] not in recorders:
            which = dict(
                student='student_recorders',
                scratch='scratch_recorders',
                expert='expert_recorders / teacher_recorders')
            raise ConfigError(
                f'{where}: recorder {record["recorder"]!r} is not in '
                f'{which[record["from_model"]]} (available: '
                f'{sorted(recorders)}).')
        connector = record.get('connector')
        if connector and connector not in self.connectors:
            raise ConfigError(f'{where}: connector {connector!r} is not in '
                              f'connectors ({sorted(self.connectors)}).')

    def _resolve_mappings(
            self, mappings: Dict[str, Dict]
    ) -> Tuple[Dict[str, Dict[str, Dict]], Dict[str, Optional[str]]]:
        """Normalise every record to ``from_model`` + ``detach``; check it."""
        if not isinstance(mappings, dict):
            raise ConfigError('CollaborativeTeachingDistiller: '
                              'loss_forward_mappings must be a dict, got '
                              f'{type(mappings).__name__}.')
        resolved, targets = {}, {}
        for loss_name, forward_mappings in mappings.items():
            where = f'loss_forward_mappings.{loss_name}'
            if loss_name not in self.distill_losses:
                raise ConfigError(
                    f'{where}: no distill loss named {loss_name!r} '
                    f'(distill_losses: {sorted(self.distill_losses)}).')
            if not isinstance(forward_mappings, dict):
                raise ConfigError(f'{where} must be a dict of forward '
                                  'argument -> record.')
            params = signature(
                self.distill_losses[loss_name].forward).parameters
            required = [
                name for name, p in params.items()
                if p.default is Parameter.empty and p.kind in (
                    Parameter.POSITIONAL_OR_KEYWORD, Parameter.KEYWORD_ONLY)
            ]
            missing = [name for name in required if name not in
                       forward_mappings]
            if missing:
                raise ConfigError(f'{where}: forward arguments {missing} of '
                                  f'{type(self.distill_losses[loss_name]).__name__}'
                                  ' are not mapped.')
            records: List[Tuple[str, Dict]] = []
            for key, record in forward_mappings.items():
                here = f'{where}.{key}'
                if key not in params:
                    raise ConfigError(
                        f'{here}: {type(self.distill_losses[loss_name]).__name__}'
                        f'.forward has no argument {key!r} '
                        f'(arguments: {list(params)}).')
                if not isinstance(record, dict) or 'recorder' not in record:
                    raise ConfigError(f'{here} must be a dict with a '
                                      "'recorder' key.")
                unknown = set(record) - set(_RECORD_KEYS)
                if unknown:
                    raise ConfigError(f'{here}: unknown keys '
                                      f'{sorted(unknown)} (allowed: '
                                      f'{list(_RECORD_KEYS)}).')
                record = copy.deepcopy(dict(record))
                record['from_model'] = self._source(here, record)
                record.pop('from_student', None)
                records.append((key, record))

            sources = {record['from_model'] for _, record in records}
            if (self.expert_pairing == 'released' and 'expert' in sources
                    and 'student' in sources):
                for key, record in records:
                    if record['from_model'] == 'student':
                        # the released code's pairing: same recorder name,
                        # read from the scratch teacher instead
                        record['from_model'] = 'scratch'
                        record.setdefault('detach', False)
                sources = {record['from_model'] for _, record in records}

            has_student = 'student' in sources
            for key, record in records:
                here = f'{where}.{key}'
                source = record['from_model']
                if source == 'expert':
                    if record.get('detach', True) is False:
                        raise ConfigError(f'{here}: the expert is frozen; '
                                          'detach=False is not allowed.')
                    record['detach'] = True
                elif source == 'scratch':
                    if has_student and record.get('detach') is False:
                        raise ConfigError(
                            f'{here}: detach=False would let the student '
                            'train the scratch teacher; its inputs to a loss '
                            'with student inputs are always detached.')
                    record.setdefault('detach', has_student)
                else:
                    record.setdefault('detach', False)
                self._check_record(here, record)

            trained = [record['from_model'] for _, record in records
                       if not record['detach']]
            targets[loss_name] = ('student' if 'student' in trained else
                                  'scratch' if 'scratch' in trained else None)
            resolved[loss_name] = dict(records)
        return resolved, targets
