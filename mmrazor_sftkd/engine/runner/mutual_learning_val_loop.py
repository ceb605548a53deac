"""Validation of every peer of a mutual-learning algorithm."""
from mmrazor.registry import LOOPS

from .multi_model_val_loop import MultiModelValLoop


@LOOPS.register_module()
class MutualLearningValLoop(MultiModelValLoop):
    """Validate each peer of a mutual-learning model (e.g. ``IEDML``).

    For IE-DML (Huang et al., "Revisiting Knowledge Distillation: An
    Inheritance and Exploration Framework", CVPR 2021), where two peers
    train together and both are results: peer 1 keeps plain metric names,
    peer 2's are prefixed (``peer2.accuracy/top1``).

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): Metrics; one copy per peer.
        fp16 (bool): Validate under autocast. Defaults to False.
    """
