"""Train in the channels-last memory format."""
import torch
from mmengine.hooks import Hook
from mmrazor.registry import HOOKS


@HOOKS.register_module()
class ChannelsLastHook(Hook):
    """Convert the model to ``torch.channels_last`` before the run starts.

    Convolutions on Tensor Cores (fp16/bf16 under mixed precision) run
    faster in the NHWC layout; MMEngine has no switch for it. This hook
    calls ``model.to(memory_format=torch.channels_last)``, which reorders
    every 4-d parameter and buffer; the Parameter objects stay the same, so
    the optimizer, built before this hook runs, keeps updating them. Inputs
    need no conversion: PyTorch's convolution returns channels-last
    activations when its weight is channels-last, so the layout carries
    through the network. Results differ only by floating-point rounding
    (other kernels); checkpoints load either way.

    It runs in ``before_run``, with a very high priority, so that the
    weights loaded or resumed afterwards land in the new layout and hooks
    that copy the model (e.g. EMA) copy the converted one. Under DDP the
    wrapper exists already when hooks run; PyTorch then warns once that the
    gradient strides differ from its bucket views, which may cost a
    gradient copy per step but is not an error.

    ``tools/train.py`` adds it when the config sets ``channels_last = True``
    or the command line has ``--channels-last``.

    Args:
        None.
    """

    priority = 'VERY_HIGH'

    def before_run(self, runner) -> None:
        # Through a DDP wrapper too: Module.to reaches the wrapped modules.
        runner.model.to(memory_format=torch.channels_last)
        runner.logger.info('ChannelsLastHook: the model is in the '
                           'channels_last memory format.')
