"""Validation of a distilled student, its frozen teacher validated once."""
from mmengine.model import is_model_wrapper
from mmrazor.engine.runner import SingleTeacherDistillValLoop
from mmrazor.registry import LOOPS


@LOOPS.register_module()
class FrozenTeacherValLoop(SingleTeacherDistillValLoop):
    """MMRazor's ``SingleTeacherDistillValLoop``, teacher validated once.

    The stock loop validates the student, then the teacher, every time it
    runs, and reports the teacher's metrics as ``teacher.*``. A teacher that
    does not train (``SingleTeacherDistill`` with ``teacher_trainable=False``,
    its default: a pretrained, frozen teacher) gives the same figures every
    epoch, and a resnet56 teacher validated every epoch costs a digits KD
    run about a tenth of its time. This loop validates it on its first run
    and reports those figures again after; a trainable teacher is validated
    every time, as by the stock loop. The records are the stock loop's,
    key for key.

    Not from a paper: a cost saving over MMRazor's loop.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The validation data.
        evaluator (Evaluator | dict | list): The metrics.
        fp16 (bool): Validate under autocast. Defaults to False.
    """

    def __init__(self, runner, dataloader, evaluator, fp16=False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        self.teacher_trains = bool(getattr(model, 'teacher_trainable', True))
        self.teacher_metrics = None

    def run(self) -> None:
        """Validate the student, and the teacher unless known."""
        self.runner.call_hook('before_val')
        self.runner.call_hook('before_val_epoch')
        self.runner.model.eval()
        for idx, data_batch in enumerate(self.dataloader):
            self.run_iter(idx, data_batch)
        metrics = self.evaluator.evaluate(len(self.dataloader.dataset))
        if self.teacher_metrics is None or self.teacher_trains:
            # the stock loop's hook calls, in its order
            self.runner.call_hook('before_val_epoch')
            for idx, data_batch in enumerate(self.dataloader):
                self.run_iter_teacher(idx, data_batch)
            self.teacher_metrics = self.evaluator.evaluate(
                len(self.dataloader.dataset))
        for key, value in self.teacher_metrics.items():
            metrics['teacher.' + key] = value
        self.runner.call_hook('after_val_epoch', metrics=metrics)
        self.runner.call_hook('after_val')
