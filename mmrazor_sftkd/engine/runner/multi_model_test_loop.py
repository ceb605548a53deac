"""One-pass testing of every network of a multi-network algorithm."""
from mmrazor.registry import LOOPS

from .multi_model_val_loop import MultiModelValLoop


@LOOPS.register_module()
class MultiModelTestLoop(MultiModelValLoop):
    """Test every network of an SFTN, CTKD or IE-DML model in one pass.

    mmengine's ``TestLoop`` calls ``model.test_step`` and so reports only the
    first network (the SFTN teacher, the CTKD student, IE-DML's peer 1).
    This loop is :class:`MultiModelValLoop` run on the test data with the
    runner's test hooks (``before_test``, ``after_test_epoch``, ...), so
    ``tools/test.py`` reports every network: the first one under plain
    metric names, the others prefixed by their names
    (``branch1.accuracy/top1``, ``scratch.accuracy/top1``,
    ``peer2.accuracy/top1``). Use it with
    ``test_cfg = dict(type='MultiModelTestLoop')``.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The test data.
        evaluator (Evaluator | dict | list): Metrics; one copy per network.
        fp16 (bool): Test under autocast. Defaults to False.
    """

    hook_stage = 'test'
