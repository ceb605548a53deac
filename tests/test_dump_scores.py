"""DumpScores: per-sample scores and labels in a tensors-only file."""
import mmrazor_sftkd  # noqa: F401  (registers DumpScores)
import pytest
import torch
from mmpretrain.registry import METRICS

from mmrazor_sftkd.utils import ConfigError


def test_scores_and_labels_in_order_and_weights_only(tmp_path):
    path = str(tmp_path / 'scores.pth')
    metric = METRICS.build(
        dict(type='mmpretrain.DumpScores', out_file_path=path))
    scores = torch.softmax(torch.randn(5, 3), dim=1)
    samples = [dict(pred_score=scores[i], gt_label=torch.tensor([i % 3]))
               for i in range(5)]
    metric.process(None, samples[:2])
    metric.process(None, samples[2:])
    assert metric.evaluate(5) == {}
    saved = torch.load(path, weights_only=True)
    assert torch.equal(saved['pred_score'], scores)
    assert saved['gt_label'].tolist() == [0, 1, 2, 0, 1]


def test_needs_a_torch_file_name(tmp_path):
    with pytest.raises(ConfigError, match='must end with .pth'):
        METRICS.build(
            dict(
                type='mmpretrain.DumpScores',
                out_file_path=str(tmp_path / 'x.pkl')))
