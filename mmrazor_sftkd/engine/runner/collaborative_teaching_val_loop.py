"""Validation of CTKD's student, scratch teacher and expert."""
from mmrazor.registry import LOOPS

from .multi_model_val_loop import MultiModelValLoop


@LOOPS.register_module()
class CollaborativeTeachingValLoop(MultiModelValLoop):
    """Validate the student, the scratch teacher and the expert in one pass.

    For collaborative teaching (Zhao et al., "Highlight Every Step: Knowledge
    Distillation via Collaborative Teaching", arXiv 1907.09643), through
    :meth:`CollaborativeTeachingDistill.predict_all`. The student's metrics
    keep their plain names (``accuracy/top1``); the teachers' are prefixed:
    ``scratch.accuracy/top1``, ``expert.accuracy/top1``.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per network.
        fp16 (bool): Validate under autocast. Defaults to False.
    """
