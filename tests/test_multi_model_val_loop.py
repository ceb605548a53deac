"""MultiModelValLoop: one evaluator per network, fed only its predictions."""
import torch
import torch.nn as nn
from mmengine.model import BaseModel
from mmengine.runner import Runner
from mmpretrain.structures import DataSample

from mmrazor_sftkd.structures import logits_to_predictions


class TwoNetworks(BaseModel):
    """``right`` always predicts the label, ``wrong`` never does."""

    def __init__(self):
        super().__init__(
            data_preprocessor=dict(type='mmpretrain.ClsDataPreprocessor'))
        self.dummy = nn.Linear(1, 1)

    def forward(self, inputs, data_samples=None, mode='tensor'):
        raise NotImplementedError

    def predict_all(self, inputs, data_samples):
        labels = torch.cat([s.gt_label for s in data_samples])
        right = torch.nn.functional.one_hot(labels, 10).float() * 10
        wrong = torch.nn.functional.one_hot((labels + 1) % 10, 10).float() * 10
        return dict(right=logits_to_predictions(right, data_samples),
                    wrong=logits_to_predictions(wrong, data_samples))


def test_each_network_gets_its_own_evaluator(tmp_path):
    dataset = [
        dict(inputs=torch.zeros(3, 4, 4, dtype=torch.uint8),
             data_samples=DataSample().set_gt_label(i % 10))
        for i in range(20)
    ]
    runner = Runner(
        model=TwoNetworks(),
        work_dir=str(tmp_path),
        val_dataloader=dict(
            dataset=dataset,
            sampler=dict(type='DefaultSampler', shuffle=False),
            batch_size=6,
            collate_fn=dict(type='pseudo_collate')),
        val_cfg=dict(type='mmrazor.MultiModelValLoop'),
        val_evaluator=dict(type='mmpretrain.Accuracy', topk=(1, )),
        default_scope='mmrazor')
    metrics = runner.val()
    assert metrics['accuracy/top1'] == 100.0
    assert metrics['wrong.accuracy/top1'] == 0.0
    metrics = runner.val()  # a second validation starts from clean evaluators
    assert metrics['wrong.accuracy/top1'] == 0.0
