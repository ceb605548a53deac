"""Classification predictions from logits, for validation loops."""
from typing import List, Optional

import torch
import torch.nn.functional as F
from mmpretrain.structures import DataSample


def logits_to_predictions(logits: torch.Tensor,
                          data_samples: Optional[List[DataSample]] = None
                          ) -> List[DataSample]:
    """One :class:`DataSample` per row: softmax score and argmax label.

    The same predictions as mmpretrain's ``ClsHead.predict``, built as new
    data samples (keeping each input's metainfo and ``gt_label``), so that
    one batch can yield the predictions of several networks.

    Args:
        logits (torch.Tensor): ``(N, num_classes)``.
        data_samples (List[DataSample], optional): The batch's samples.

    Returns:
        List[DataSample]: With ``pred_score`` and ``pred_label`` set.
    """
    scores = F.softmax(logits, dim=1).detach()
    labels = scores.argmax(dim=1, keepdim=True)
    if data_samples is None:
        data_samples = [DataSample() for _ in range(len(logits))]
    predictions = []
    for score, label, sample in zip(scores, labels, data_samples):
        prediction = DataSample(metainfo=sample.metainfo)
        if 'gt_label' in sample:
            prediction.set_gt_label(sample.gt_label)
        predictions.append(
            prediction.set_pred_score(score).set_pred_label(label))
    return predictions
