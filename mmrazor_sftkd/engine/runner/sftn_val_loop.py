"""Validation of an SFTN teacher and its student branches."""
from mmrazor.registry import LOOPS

from .multi_model_val_loop import MultiModelValLoop


@LOOPS.register_module()
class SFTNValLoop(MultiModelValLoop):
    """Validate an SFTN teacher and every student branch in one pass.

    For SFTN (Park et al., NeurIPS 2021): the teacher runs once per batch and
    the branches reuse its stage outputs (:meth:`SFTN.predict_all`). The
    teacher's metrics keep their plain names (``accuracy/top1``); each
    branch's are prefixed by its name (``branch1.accuracy/top1``).

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per network.
        fp16 (bool): Validate under autocast. Defaults to False.
    """
