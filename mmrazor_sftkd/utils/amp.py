"""Turn an optimizer-wrapper config into its mixed-precision version."""
import copy

from mmengine.config import ConfigDict

AMP_WRAPPER = 'AmpOptimWrapper'


def amp_optim_wrapper(optim_wrapper: dict,
                      loss_scale='dynamic') -> ConfigDict:
    """A copy of ``optim_wrapper`` whose wrapper(s) are ``AmpOptimWrapper``.

    What ``--amp`` does to the config. mmpretrain's ``tools/train.py`` sets
    ``optim_wrapper.type`` only, which fits one optimizer. A config with one
    optimizer per network (no ``optimizer`` key at the top, e.g. MMRazor's
    ``SeparateOptimWrapperConstructor`` with ``peer1=dict(...)``,
    ``peer2=dict(...)`` in IE-DML, or CTKD's separate-optimizer variant)
    holds one wrapper config per key: there the top-level ``type`` would be
    read as one more sub-wrapper (the constructor then fails on a string),
    and no sub-wrapper would run in mixed precision. Each sub-wrapper gets
    the type instead, in the same way, so each of their ``optim_context``
    autocasts and each scales its own loss.

    Args:
        optim_wrapper (dict): The ``optim_wrapper`` config; not modified.
        loss_scale (str | float | dict): ``AmpOptimWrapper``'s
            ``loss_scale`` where the config sets none. Defaults to
            ``'dynamic'``, as mmpretrain's ``--amp``.

    Returns:
        ConfigDict: The new config.
    """
    cfg = ConfigDict(copy.deepcopy(optim_wrapper))
    if 'optimizer' in cfg:
        wrappers = [cfg]
    else:
        # mmengine's build_optim_wrapper hands a top-level paramwise_cfg to
        # the constructor; every other dict is one network's wrapper.
        wrappers = [
            value for key, value in cfg.items()
            if isinstance(value, dict) and key != 'paramwise_cfg'
        ]
    for wrapper in wrappers:
        wrapper.type = AMP_WRAPPER
        wrapper.setdefault('loss_scale', loss_scale)
    return cfg
