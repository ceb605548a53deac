"""A classification head's own loss on logits computed elsewhere."""
from typing import List

import torch
import torch.nn as nn
from mmpretrain.structures import DataSample


def head_loss(head: nn.Module, logits: torch.Tensor,
              data_samples: List[DataSample]) -> torch.Tensor:
    """What ``head.loss`` would return for these logits, without a forward.

    Algorithms that need the logits themselves (for a KL term) and the
    head's cross-entropy call this instead of ``head.loss_module``: the
    head picks its own targets (``gt_score`` from Mixup/CutMix batch
    augments, else ``gt_label``) and applies its own loss (soft-label CE,
    label smoothing) exactly as a stock classifier does, and the head's
    forward (with its dropout) runs only once.

    Args:
        head (nn.Module): An mmpretrain ``ClsHead`` (or subclass).
        logits (torch.Tensor): ``head(feats)`` of the batch.
        data_samples (List[DataSample]): The batch's samples.

    Returns:
        torch.Tensor: The scalar loss (``head.loss(...)['loss']``).
    """
    return head._get_loss(logits, data_samples)['loss']
