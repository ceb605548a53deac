"""Refuse a run whose classifier heads disagree with the dataset's classes."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmrazor.registry import HOOKS

from mmrazor_sftkd.utils.exceptions import ConfigError


@HOOKS.register_module()
class ClassCountHook(Hook):
    """Check, before the first step, that every head fits the dataset.

    A head with ``num_classes=100`` trains on a 10-class dataset without a
    word: labels simply never reach 90 of its outputs. Before training
    starts, this hook compares the ``num_classes`` of every classification
    head of the model (MMPretrain's ``ClsHead`` family: the student's, a
    teacher's, an SFTN branch's) with the number of classes in the training set's
    ``metainfo`` and raises a :class:`ConfigError` naming the module and
    both counts. Datasets without ``classes`` in their metainfo are not
    checked. ``tools/train.py`` adds it to every run.

    Args:
        None.
    """

    priority = 'VERY_HIGH'

    def before_train(self, runner) -> None:
        dataset = getattr(runner.train_dataloader, 'dataset', None)
        classes = getattr(dataset, 'metainfo', {}).get('classes')
        if not classes:
            return
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        for name, module in model.named_modules():
            if not hasattr(module, 'loss_module'):  # classification heads
                continue
            count = getattr(module, 'num_classes', None)
            if isinstance(count, int) and count != len(classes):
                raise ConfigError(
                    f'{name or "model"}.num_classes = {count}, but the '
                    f'training set has {len(classes)} classes. Set '
                    'num_classes (of every head) to the number of classes '
                    'of the dataset.')
