"""Recorders on a scratch teacher, for collaborative teaching KD."""
from inspect import Parameter, signature
from typing import Dict, Optional

import torch
from mmrazor.models.distillers import ConfigurableDistiller
from mmrazor.models.task_modules import RecorderManager
from mmrazor.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError

#: Where a loss input is read from; ``expert`` is MMRazor's teacher.
SOURCES = ('student', 'scratch', 'expert')
_RECORD_KEYS = ('recorder', 'from_model', 'from_student', 'record_idx',
                'data_idx', 'connector', 'connector_idx', 'detach')


@MODELS.register_module()
class CollaborativeTeachingDistiller(ConfigurableDistiller):
    """MMRazor's ``ConfigurableDistiller`` plus a scratch teacher's recorders.

    The distiller of collaborative teaching KD, "Highlight Every Step:
    Knowledge Distillation via Collaborative Teaching" (Zhao et al., arXiv
    1907.09643), used by
    :class:`~mmrazor_sftkd.models.algorithms.CollaborativeTeachingDistill`.
    ``student_recorders``, ``teacher_recorders`` (on the frozen expert),
    connectors and losses are MMRazor's. What it adds:

    - ``scratch_recorders``, on the scratch teacher that trains alongside
      the student;
    - a third source for loss inputs: each record says
      ``from_model='student' | 'scratch' | 'expert'`` (MMRazor's
      ``from_student=True`` / ``False`` still means student / expert);
    - one gradient rule: in a loss that also reads the student, a scratch
      input is detached, so the student never trains the scratch teacher
      (the paper's ``|| stopgrad(z_sc) - z_s ||^2``). A loss without student
      inputs trains the scratch teacher through its scratch inputs.

    Which network each loss trains is :attr:`loss_targets`. The released
    code's pairing (the expert's attention supervises the scratch teacher)
    is a config: map the attention losses' ``s_feature`` to
    ``from_model='scratch'``.

    Args:
        scratch_recorders (dict, optional): Recorders on the scratch teacher.
        loss_forward_mappings (dict, optional): Loss name -> forward
            argument -> record (``recorder``, ``from_model`` or
            ``from_student``, and MMRazor's optional ``record_idx``,
            ``data_idx``, ``connector``, ``connector_idx``, plus ``detach``).
        **kwargs: :class:`ConfigurableDistiller`'s other arguments.
    """

    def __init__(self,
                 scratch_recorders: Optional[Dict[str, Dict]] = None,
                 loss_forward_mappings: Optional[Dict[str, Dict]] = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.scratch_recorders = RecorderManager(scratch_recorders)
        if not isinstance(loss_forward_mappings or {}, dict):
            raise ConfigError('CollaborativeTeachingDistiller: '
                              'loss_forward_mappings must be a dict.')
        self.loss_forward_mappings = {
            name: self._resolve(name, mapping)
            for name, mapping in (loss_forward_mappings or {}).items()
        }

    def prepare_from_scratch(self, model: torch.nn.Module) -> None:
        """Initialize the scratch teacher's recorders."""
        self.scratch_recorders.initialize(model)

    @property
    def loss_targets(self) -> Dict[str, Optional[str]]:
        """The network each distill loss trains: ``'student'``,
        ``'scratch'`` or None."""
        targets = {}
        for name, mapping in self.loss_forward_mappings.items():
            trained = {r['from_model'] for r in mapping.values()
                       if not r['detach'] and r['from_model'] != 'expert'}
            targets[name] = ('student' if 'student' in trained else
                             'scratch' if trained else None)
        return targets

    def get_record(self, recorder: str, from_model: str, detach: bool = False,
                   record_idx: int = 0, data_idx: Optional[int] = None,
                   connector: Optional[str] = None,
                   connector_idx: Optional[int] = None):
        """One record of one network, detached if asked, then connected."""
        data = self._managers()[from_model].get_recorder(
            recorder).get_record_data(record_idx, data_idx)
        if detach:
            data = data.detach() if torch.is_tensor(data) else type(data)(
                item.detach() for item in data)
        if connector:
            data = self.connectors[connector](data)
        return data if connector_idx is None else data[connector_idx]

    def _managers(self) -> Dict[str, RecorderManager]:
        return dict(student=self.student_recorders,
                    scratch=self.scratch_recorders,
                    expert=self.teacher_recorders)

    def _source(self, where: str, record: Dict) -> str:
        from_model = record.pop('from_model', None)
        from_student = record.pop('from_student', None)
        if from_student is not None:
            if not isinstance(from_student, bool):
                raise ConfigError(f'{where}: from_student must be True or '
                                  f'False, got {from_student!r}.')
            implied = 'student' if from_student else 'expert'
            if from_model not in (None, implied):
                raise ConfigError(
                    f'{where}: from_student={from_student} means '
                    f'{implied!r} but from_model={from_model!r}; give one.')
            return implied
        if from_model is None:
            raise ConfigError(
                f'{where}: say where the input comes from: from_model='
                f'{"|".join(repr(s) for s in SOURCES)} (or MMRazor\'s '
                'from_student=True/False, meaning student/expert).')
        if from_model not in SOURCES:
            raise ConfigError(f'{where}: from_model must be one of '
                              f'{list(SOURCES)}, got {from_model!r}.')
        return from_model

    def _resolve(self, loss_name: str, mapping: Dict) -> Dict[str, Dict]:
        """Check one loss's mapping; give every record ``from_model`` and
        ``detach``."""
        where = f'loss_forward_mappings.{loss_name}'
        if loss_name not in self.distill_losses:
            raise ConfigError(f'{where}: no distill loss named {loss_name!r} '
                              f'(distill_losses: {sorted(self.distill_losses)}'
                              ').')
        loss_type = type(self.distill_losses[loss_name]).__name__
        params = signature(self.distill_losses[loss_name].forward).parameters
        missing = [name for name, p in params.items()
                   if p.default is Parameter.empty and name not in mapping
                   and p.kind not in (Parameter.VAR_POSITIONAL,
                                      Parameter.VAR_KEYWORD)]
        if missing:
            raise ConfigError(f'{where}: forward arguments {missing} of '
                              f'{loss_type} are not mapped.')
        resolved = {}
        for key, record in mapping.items():
            here = f'{where}.{key}'
            if key not in params:
                raise ConfigError(f'{here}: {loss_type}.forward has no '
                                  f'argument {key!r} ({list(params)}).')
            if not isinstance(record, dict) or 'recorder' not in record:
                raise ConfigError(f"{here} must be a dict with a 'recorder' "
                                  'key.')
            unknown = set(record) - set(_RECORD_KEYS)
            if unknown:
                raise ConfigError(f'{here}: unknown keys {sorted(unknown)} '
                                  f'(allowed: {list(_RECORD_KEYS)}).')
            record = dict(record)
            record['from_model'] = self._source(here, record)
            recorders = self._managers()[record['from_model']].recorders
            if record['recorder'] not in recorders:
                which = dict(student='student_recorders',
                             scratch='scratch_recorders',
                             expert='teacher_recorders')[record['from_model']]
                raise ConfigError(
                    f'{here}: recorder {record["recorder"]!r} is not in '
                    f'{which} (available: {sorted(recorders)}).')
            if record.get('connector') not in (None, *self.connectors):
                raise ConfigError(f'{here}: connector {record["connector"]!r}'
                                  f' is not in connectors '
                                  f'({sorted(self.connectors)}).')
            resolved[key] = record
        reads_student = any(r['from_model'] == 'student'
                            for r in resolved.values())
        for key, record in resolved.items():
            if record['from_model'] == 'scratch' and reads_student:
                if record.get('detach') is False:
                    raise ConfigError(
                        f'{where}.{key}: detach=False would let the student '
                        'train the scratch teacher; its inputs to a loss '
                        'with student inputs are always detached.')
                record['detach'] = True
            record.setdefault('detach', False)
        return resolved
