"""One backward pass, then a step of every optimizer wrapper."""
from typing import Sequence

import torch
from mmengine.optim import AmpOptimWrapper, OptimWrapper

from .exceptions import ConfigError


def joint_update_params(wrappers: Sequence[OptimWrapper],
                        loss: torch.Tensor) -> None:
    """``OptimWrapper.update_params`` for networks trained by one loss.

    When each network of a model has its own optimizer wrapper (CTKD's
    student and scratch teacher, IE-DML's peers) and no loss term reaches
    two of them, the summed loss gives each network exactly the gradients
    of its own terms. One backward pass of the sum then replaces one per
    wrapper: the shared forward graph is traversed once and freed once.
    Each wrapper then steps and zeroes its own parameters, with its own
    gradient clipping and accumulation counts.

    AMP: a single backward pass has a single loss scale, so every
    ``AmpOptimWrapper`` in ``wrappers`` uses the first one's ``GradScaler``
    (the object is shared, so all checkpoints hold its state). As torch
    documents for several optimizers, each optimizer is unscaled and
    stepped by that scaler, which skips any whose gradients hold inf/NaN,
    and the scale is updated once per iteration, after the last step.

    Args:
        wrappers (Sequence[OptimWrapper]): One wrapper per network, all AMP
            or none, with the same ``accumulative_counts``.
        loss (torch.Tensor): The summed loss of every network.
    """
    lead = wrappers[0]
    amp = [isinstance(wrapper, AmpOptimWrapper) for wrapper in wrappers]
    if any(amp) and not all(amp):
        raise ConfigError('joint optimizer step: either every optimizer '
                          'wrapper is an AmpOptimWrapper or none is.')
    if len({wrapper._accumulative_counts for wrapper in wrappers}) > 1:
        raise ConfigError('joint optimizer step: the optimizer wrappers '
                          'must share accumulative_counts (one backward '
                          'pass scales every network\'s loss alike).')
    for wrapper in wrappers[1:]:
        wrapper.scale_loss(loss)  # starts its accumulation counters
        if all(amp):
            wrapper.loss_scaler = lead.loss_scaler
    lead.backward(lead.scale_loss(loss))
    for wrapper in wrappers[1:]:
        # what OptimWrapper.backward counts, for the pass run by ``lead``
        wrapper._inner_count += 1
    due = [wrapper for wrapper in wrappers if wrapper.should_update()]
    if all(amp) and due:
        scaler = lead.loss_scaler
        for wrapper in due:
            if wrapper.clip_grad_kwargs:
                scaler.unscale_(wrapper.optimizer)
                wrapper._clip_grad()
            scaler.step(wrapper.optimizer)
        scaler.update(lead._scale_update_param)
    else:
        for wrapper in due:
            wrapper.step()
    for wrapper in due:
        wrapper.zero_grad()
