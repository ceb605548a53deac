"""Per-sample predicted scores written to a tensors-only file."""
from typing import List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS

from mmrazor_sftkd.utils.exceptions import ConfigError


@METRICS.register_module()
class DumpScores(BaseMetric):
    """Write every test sample's predicted scores and label to a file.

    What it adds over MMEngine's ``DumpResults``: that metric pickles whole
    data samples, and reading a pickle back runs the unpickler, which can
    execute code planted in the file. This one writes
    ``{'pred_score': (N, C) float tensor, 'gt_label': (N,) long tensor}``
    with ``torch.save``, which ``torch.load(weights_only=True)`` reads.
    Samples keep the dataloader's order. It reports no metric.

    Args:
        out_file_path (str): The output file, ending in ``.pth`` or ``.pt``.
        collect_device (str): Where results are gathered in distributed
            runs. Defaults to ``'cpu'``.
        prefix (str, optional): Metric name prefix (unused: no metrics).
    """

    def __init__(self,
                 out_file_path: str,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if not out_file_path.endswith(('.pth', '.pt')):
            raise ConfigError('DumpScores: out_file_path must end with .pth '
                              f'or .pt, got {out_file_path!r}.')
        self.out_file_path = out_file_path

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            self.results.append((sample['pred_score'].detach().cpu(),
                                 sample['gt_label'].detach().cpu()))

    def compute_metrics(self, results: List[tuple]) -> dict:
        torch.save(
            dict(
                pred_score=torch.stack([score for score, _ in results]),
                gt_label=torch.cat([label for _, label in results])),
            self.out_file_path)
        return {}
