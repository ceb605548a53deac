"""MultiModelValLoop: one evaluator per network, fed only its predictions."""
import pytest
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


def build_runner(work_dir, stage, loop, evaluator=None, model=None,
                 **kwargs):
    """A Runner with 20 labelled samples (batch 6) for ``stage`` ('val' or
    'test'), ``loop`` as that stage's loop and top-1 accuracy unless another
    ``evaluator`` is given."""
    dataset = [
        dict(inputs=torch.zeros(3, 4, 4, dtype=torch.uint8),
             data_samples=DataSample().set_gt_label(i % 10))
        for i in range(20)
    ]
    stage_cfg = {
        f'{stage}_dataloader':
        dict(
            dataset=dataset,
            sampler=dict(type='DefaultSampler', shuffle=False),
            batch_size=6,
            collate_fn=dict(type='pseudo_collate')),
        f'{stage}_cfg':
        dict(type=loop),
        f'{stage}_evaluator':
        evaluator or dict(type='mmpretrain.Accuracy', topk=(1, )),
    }
    return Runner(
        model=model or TwoNetworks(),
        work_dir=str(work_dir),
        default_scope='mmrazor',
        **stage_cfg,
        **kwargs)


def test_each_network_gets_its_own_evaluator(tmp_path):
    runner = build_runner(tmp_path, 'val', 'mmrazor.MultiModelValLoop')
    metrics = runner.val()
    assert metrics['accuracy/top1'] == 100.0
    assert metrics['wrong.accuracy/top1'] == 0.0
    metrics = runner.val()  # a second validation starts from clean evaluators
    assert metrics['wrong.accuracy/top1'] == 0.0


def test_test_loop_reports_every_network_through_test_hooks(tmp_path):
    from mmengine.hooks import Hook

    class StageCalls(Hook):
        """Records which runner stage hooks fire."""

        def __init__(self):
            self.calls = []

        def before_test(self, runner):
            self.calls.append('before_test')

        def after_test_epoch(self, runner, metrics=None):
            self.calls.append(('after_test_epoch', dict(metrics)))

        def after_test_iter(self, runner, batch_idx, data_batch=None,
                            outputs=None):
            self.calls.append('after_test_iter')

        def before_val(self, runner):
            self.calls.append('before_val')

    calls = StageCalls()
    runner = build_runner(
        tmp_path, 'test', 'mmrazor.MultiModelTestLoop', custom_hooks=[calls])
    metrics = runner.test()
    assert metrics['accuracy/top1'] == 100.0
    assert metrics['wrong.accuracy/top1'] == 0.0
    assert calls.calls[0] == 'before_test'
    assert calls.calls.count('after_test_iter') == 4  # 20 samples, batch 6
    assert ('after_test_epoch', metrics) in calls.calls
    assert 'before_val' not in calls.calls


MULTI_NETWORK_MODELS = ('SFTN', 'CollaborativeTeachingDistill', 'IEDML')


def _top_level_configs():
    import glob
    import os.path as osp
    repo = osp.dirname(osp.dirname(osp.abspath(__file__)))
    return sorted(
        p for p in glob.glob(osp.join(repo, 'configs', '**', '*.py'),
                             recursive=True) if '_base_' not in p)


def test_every_multi_network_config_tests_every_network():
    """tools/test.py on an SFTN, CTKD or IE-DML config reports all networks."""
    from mmengine.config import Config
    checked = 0
    for path in _top_level_configs():
        cfg = Config.fromfile(path)
        model_type = cfg.get('model', {}).get('type', '')
        if model_type.split('.')[-1] not in MULTI_NETWORK_MODELS:
            continue
        checked += 1
        assert cfg.test_cfg.get('type', '').split('.')[-1] == \
            'MultiModelTestLoop', path
        assert cfg.val_cfg.get('type', '').endswith('ValLoop'), path
    assert checked >= 10


def test_each_network_dumps_its_own_predictions(tmp_path):
    """``tools/test.py --out`` keeps every network's predictions."""
    import pickle
    out = tmp_path / 'preds.pkl'
    runner = build_runner(
        tmp_path,
        'test',
        'mmrazor.MultiModelTestLoop',
        evaluator=[
            dict(type='mmpretrain.Accuracy', topk=(1, )),
            dict(type='mmpretrain.DumpResults', out_file_path=str(out))
        ])
    runner.test()
    right = pickle.loads(out.read_bytes())
    wrong = pickle.loads((tmp_path / 'preds_wrong.pkl').read_bytes())
    assert len(right) == len(wrong) == 20
    assert all(int(r['pred_label']) == int(r['gt_label']) for r in right)
    assert all(int(w['pred_label']) != int(w['gt_label']) for w in wrong)


class FrozenWrong(TwoNetworks):
    """``wrong`` is frozen: the loop asks for it once, then skips it."""

    frozen_networks = ('wrong', )

    def __init__(self):
        super().__init__()
        self.asked = []

    def predict_all(self, inputs, data_samples, skip=()):
        outputs = super().predict_all(inputs, data_samples)
        self.asked.append(sorted(set(outputs) - set(skip)))
        return {k: v for k, v in outputs.items() if k not in skip}


def test_frozen_networks_are_validated_once(tmp_path):
    runner = build_runner(tmp_path, 'val', 'mmrazor.MultiModelValLoop')
    model = FrozenWrong()
    runner.model = model
    runner.val_loop.model = model
    first = runner.val_loop.run()
    second = runner.val_loop.run()
    assert first == second == {
        'accuracy/top1': 100.0, 'wrong.accuracy/top1': 0.0}
    # 20 samples in batches of 6: 4 batches a run
    assert model.asked == [['right', 'wrong']] * 4 + [['right']] * 4


class Counting(nn.Module):
    """A classifier stand-in that counts its validation steps."""

    def __init__(self, right: bool):
        super().__init__()
        self.right, self.steps = right, 0
        self.dummy = nn.Linear(1, 1)

    def val_step(self, data_batch):
        self.steps += 1
        samples = data_batch['data_samples']
        labels = torch.cat([s.gt_label for s in samples])
        labels = labels if self.right else (labels + 1) % 10
        logits = torch.nn.functional.one_hot(labels, 10).float()
        return logits_to_predictions(logits, samples)


class StudentTeacher(BaseModel):
    def __init__(self, teacher_trainable):
        super().__init__()
        self.student = Counting(right=True)
        self.teacher = Counting(right=False)
        self.teacher_trainable = teacher_trainable

    def forward(self, inputs, data_samples=None, mode='tensor'):
        raise NotImplementedError

    def val_step(self, data_batch):
        return self.student.val_step(data_batch)


@pytest.mark.parametrize('trainable', [False, True])
def test_a_frozen_teacher_is_validated_once(tmp_path, trainable):
    """FrozenTeacherValLoop: MMRazor's loop's records, the teacher run
    once unless it trains."""
    runner = build_runner(
        tmp_path, 'val', 'mmrazor.FrozenTeacherValLoop',
        model=StudentTeacher(trainable))
    seen = []
    runner.call_hook = lambda name, **kwargs: seen.append(
        kwargs.get('metrics')) if name == 'after_val_epoch' else None
    runner.val_loop.run()
    runner.val_loop.run()
    assert seen == [{'accuracy/top1': 100.0, 'teacher.accuracy/top1': 0.0}] * 2
    model = runner.model
    assert model.student.steps == 8
    assert model.teacher.steps == (8 if trainable else 4)
