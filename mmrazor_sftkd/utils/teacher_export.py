"""Teacher-only checkpoints: a plain classifier state_dict of tensors."""
from collections import OrderedDict
from typing import Mapping

import torch
from mmengine.runner.checkpoint import weights_to_cpu

from .exceptions import ConfigError

#: Where an algorithm keeps its teacher (MMRazor's ``architecture``).
TEACHER_PREFIX = 'architecture.'
#: Top-level modules of a plain mmpretrain ImageClassifier.
CLASSIFIER_MODULES = ('backbone.', 'neck.', 'head.')


def teacher_state_dict(state_dict: Mapping[str, torch.Tensor],
                       prefix: str = TEACHER_PREFIX) -> OrderedDict:
    """The teacher's entries of ``state_dict``, with ``prefix`` removed.

    A state_dict that is already a plain classifier's (keys starting with
    ``backbone.`` / ``neck.`` / ``head.``) is returned unchanged, so a
    standard teacher checkpoint can be converted too.

    Raises:
        ConfigError: If neither form matches; lists the key prefixes found.
    """
    teacher = OrderedDict((key[len(prefix):], value)
                          for key, value in state_dict.items()
                          if key.startswith(prefix))
    if not teacher and any(
            key.startswith(CLASSIFIER_MODULES) for key in state_dict):
        teacher = OrderedDict(state_dict)
    if not teacher:
        found = sorted({key.split('.', 1)[0] for key in state_dict})
        raise ConfigError(
            f'no teacher weights: no key starts with {prefix!r} and this is '
            f'not a plain classifier state_dict (top-level keys: {found}).')
    return teacher


def save_teacher(state_dict: Mapping[str, torch.Tensor], path: str) -> None:
    """Write a tensors-only checkpoint that loads with weights_only=True."""
    tensors = OrderedDict((key, value.detach().clone())
                          for key, value in weights_to_cpu(
                              OrderedDict(state_dict)).items())
    torch.save(tensors, path)


#: Where an SFTN model keeps its student branches.
BRANCH_PREFIX = 'branches.'


def branch_student_state_dict(state_dict: Mapping[str, torch.Tensor],
                              branch: str = 'branch1') -> OrderedDict:
    """A student's weights taken from one SFTN branch (partial).

    An option beyond the SFTN paper: initialise the stage-2 student from a
    trained branch. The branch's tail holds the student's modules after its
    attach point, neck and head under the student classifier's own names
    (``backbone.*``, ``neck.*``, ``head.*``). The branch transform and the
    student's earlier modules have no counterpart, so load the result with
    ``strict=False`` (mmengine's ``Pretrained`` init does).

    Raises:
        ConfigError: If ``state_dict`` has no such branch.
    """
    prefix = f'{BRANCH_PREFIX}{branch}.tail.'
    student = OrderedDict((key[len(prefix):], value)
                          for key, value in state_dict.items()
                          if key.startswith(prefix))
    if not student:
        found = sorted({
            key[len(BRANCH_PREFIX):].split('.', 1)[0]
            for key in state_dict if key.startswith(BRANCH_PREFIX)
        })
        raise ConfigError(f'no student branch {branch!r} in this checkpoint; '
                          f'branches found: {found or "none"}.')
    return student
