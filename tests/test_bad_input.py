"""Bad input gets one clear line and exit status 2, never a traceback.

Each end-to-end case runs a tool and checks, through assert_clear_error,
the exit status, the one line that names the problem, and that no training
step ran.
"""
import importlib.util
import os.path as osp

import pytest
import torch

from conftest import REPO, TINY_DATA, run_tool


def assert_clear_error(result, *needles, tool='train.py'):
    """Exit status 2, no traceback, no training step, and a last line that
    names the problem."""
    assert result.returncode == 2, result.stderr[-3000:]
    assert 'Traceback' not in result.stderr, result.stderr[-3000:]
    assert 'Epoch(train)' not in result.stdout + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f'{tool}: error:'), last
    for needle in needles:
        assert needle in last, last


def test_unknown_architecture():
    result = run_tool('train.py', 'configs/teachers/resnet56_digits.py',
                      '--cfg-options', 'model.backbone.arch=resnet57',
                      check=False)
    assert_clear_error(result, "'resnet57'", "'resnet56'", "'resnet32x4'")


@pytest.mark.parametrize('state', ['missing', 'empty', 'half'])
def test_missing_or_incomplete_cifar(tmp_path, state):
    root = tmp_path / 'cifar'
    if state != 'missing':
        (root / 'cifar-100-python').mkdir(parents=True)
    if state == 'half':
        (root / 'cifar-100-python' / 'train').write_bytes(b'x')
    # the same one line every time, not only on the first run
    for _ in range(2):
        result = run_tool(
            'train.py', 'configs/teachers/resnet8_cifar100.py',
            '--cfg-options', f'train_dataloader.dataset.data_root={root}',
            'train_dataloader.dataset.download=False', check=False)
        assert_clear_error(
            result, str(root), f"{2 if state == 'half' else 3} of its 3 "
            'files are missing', 'cifar-100-python/{train,test,meta}',
            'download=True')


@pytest.mark.parametrize('state', ['missing', 'empty'])
def test_missing_or_empty_image_folder(tmp_path, state):
    root = tmp_path / 'images'
    if state == 'empty':
        (root / 'train' / 'cat').mkdir(parents=True)  # a class, no images
    result = run_tool(
        'train.py', 'configs/teachers/resnet20_digits.py', '--cfg-options',
        f'data_root={root}', 'train_dataloader.dataset.type=CustomDataset',
        f'train_dataloader.dataset.data_root={root}',
        'train_dataloader.dataset.data_prefix=train', check=False)
    if state == 'missing':
        assert_clear_error(result, str(root), 'does not exist')
    else:
        assert_clear_error(result, 'no class folders with images',
                           '/train/<class>/<image>')


def test_missing_teacher_checkpoint(tmp_path):
    missing = str(tmp_path / 'teacher.pth')
    result = run_tool('train.py',
                      'configs/distill/kd_resnet56_resnet20_digits.py',
                      '--cfg-options', f'model.teacher_ckpt={missing}',
                      *TINY_DATA, check=False)
    assert_clear_error(result, 'model.teacher_ckpt', missing, 'no such file')


def test_missing_config():
    result = run_tool('train.py', 'configs/nope.py', check=False)
    assert result.returncode == 2
    assert "config file 'configs/nope.py' does not exist" in result.stderr


@pytest.mark.skipif(
    torch.cuda.is_available(), reason='needs a CPU-only host')
def test_amp_without_gpu():
    result = run_tool('train.py', 'configs/teachers/resnet56_digits.py',
                      '--amp', check=False)
    assert_clear_error(result, 'CUDA')


def test_non_finite_loss_stops_training_with_one_line(tmp_path):
    result = run_tool(
        'train.py', 'configs/teachers/resnet20_digits.py', '--work-dir',
        tmp_path, '--cfg-options', 'model.backbone.arch=resnet8',
        'optim_wrapper.optimizer.lr=1e6', *TINY_DATA, check=False)
    assert result.returncode == 1, result.stderr[-3000:]
    assert 'Traceback' not in result.stderr, result.stderr[-3000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith('train.py: error: non-finite loss at epoch 1, '
                           'iteration '), last
    assert 'loss = nan' in last or 'loss = inf' in last, last
    # it stopped there: no epoch ended, so no checkpoint was written
    assert not list(tmp_path.glob('*.pth'))


def test_finite_loss_hook_names_the_term_and_ignores_other_keys():
    from types import SimpleNamespace

    from mmrazor_sftkd.engine.hooks import FiniteLossHook
    from mmrazor_sftkd.utils import TrainingError
    hook = FiniteLossHook()
    runner = SimpleNamespace(epoch=2, iter=40)
    hook.after_train_iter(runner, 0, outputs={
        'loss': torch.tensor(1.5), 'grad_norm': torch.tensor(float('nan'))})
    with pytest.raises(TrainingError, match=r'epoch 3, iteration 41: '
                       r'branch1.loss_kl = inf'):
        hook.after_train_iter(runner, 0, outputs={
            'loss': torch.tensor(1.0),
            'branch1.loss_kl': torch.tensor(float('inf'))})


@pytest.mark.parametrize('value', ['None', "''"])
def test_frozen_teacher_without_checkpoint(value):
    result = run_tool('train.py',
                      'configs/distill/kd_resnet56_resnet20_digits.py',
                      '--cfg-options', f'model.teacher_ckpt={value}',
                      *TINY_DATA, check=False)
    assert_clear_error(result, 'model.teacher_ckpt is not set',
                       'model.teacher_trainable=True')


def test_frozen_expert_without_checkpoint():
    result = run_tool(
        'train.py', 'configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py',
        '--cfg-options', 'model.teacher_ckpt=None', *TINY_DATA, check=False)
    assert_clear_error(result, 'model.teacher_ckpt is not set')


@pytest.mark.parametrize('value', ['0', '-1'])
def test_empty_schedule(value):
    result = run_tool('train.py', 'configs/teachers/resnet20_digits.py',
                      '--cfg-options', f'train_cfg.max_epochs={value}',
                      *TINY_DATA, check=False)
    assert_clear_error(result, f'train_cfg.max_epochs = {value}',
                       'nothing to train')


def test_trainable_or_pretrained_teacher_needs_no_checkpoint():
    from mmengine.config import Config

    from mmrazor_sftkd.utils.preflight import \
        check_frozen_networks_have_weights
    cfg = Config.fromfile(
        osp.join(REPO, 'configs/distill/kd_resnet56_resnet20_digits.py'))
    cfg.model.teacher_ckpt = None
    cfg.model.teacher_trainable = True
    check_frozen_networks_have_weights(cfg)
    cfg.model.teacher_trainable = False
    cfg.model.teacher.init_cfg = dict(type='Pretrained', checkpoint='t.pth')
    check_frozen_networks_have_weights(cfg)


def test_config_syntax_error_names_the_file_and_line(tmp_path):
    config = tmp_path / 'broken.py'
    config.write_text("_base_ = []\nmodel = dict(\n")
    result = run_tool('train.py', str(config), check=False)
    assert_clear_error(result, str(config), 'line 2', 'syntax error')


@pytest.mark.parametrize('tool', ['train.py', 'test.py'])
def test_unknown_model_type(tool, tmp_path):
    checkpoint = tmp_path / 'checkpoint.pth'
    checkpoint.touch()  # the model is built before it is read
    args = [checkpoint] if tool == 'test.py' else []
    result = run_tool(tool, 'configs/teachers/resnet20_digits.py', *args,
                      '--cfg-options', 'model.type=NoSuchClassifier',
                      check=False)
    assert result.returncode == 2, result.stderr[-3000:]
    assert 'Traceback' not in result.stderr, result.stderr[-3000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f'{tool}: error: unknown type '
                           "'NoSuchClassifier'"), last
    assert 'mmpretrain::model registry' in last


def test_misspelled_config_key():
    result = run_tool('train.py', 'configs/teachers/resnet20_digits.py',
                      '--cfg-options', 'model.backbone.depht=3', *TINY_DATA,
                      check=False)
    assert_clear_error(result, 'CIFARResNet',
                       "unexpected keyword argument 'depht'")


def test_cfg_options_item_without_value():
    result = run_tool('train.py', 'configs/teachers/resnet20_digits.py',
                      '--cfg-options', 'train_cfg', check=False)
    assert_clear_error(result, "--cfg-options: 'train_cfg' is not key=value")


def test_cfg_options_list_index_past_the_end():
    result = run_tool('train.py', 'configs/teachers/resnet20_digits.py',
                      '--cfg-options',
                      'visualizer.vis_backends.1.type=TensorboardVisBackend',
                      check=False)
    assert_clear_error(result, 'list index 1 is past the end',
                       'Give the whole list')


@pytest.mark.parametrize('flags, package', [
    (['--vis', 'tensorboard'], 'tensorboard'),
    (['--vis', 'wandb'], 'wandb'),
    (['--cfg-options', "visualizer.vis_backends=[dict(type='LocalVisBackend'),"
      "dict(type='TensorboardVisBackend')]"], 'tensorboard'),
])
def test_vis_backend_without_its_package(tmp_path, flags, package):
    if importlib.util.find_spec(package) is not None:
        pytest.skip(f'{package} is installed')
    result = run_tool('train.py', 'configs/teachers/resnet20_digits.py',
                      '--work-dir', tmp_path, *flags, '--cfg-options',
                      *TINY_DATA, 'train_cfg.max_epochs=1', check=False,
                      timeout=300)
    assert_clear_error(result, 'vis_backends[1]', f'pip install {package}')
    assert not list(tmp_path.rglob('*.pth'))


def test_num_classes_that_disagree_with_the_dataset(tmp_path):
    result = run_tool('train.py', 'configs/teachers/resnet20_digits.py',
                      '--work-dir', tmp_path, '--cfg-options',
                      'model.head.num_classes=100', *TINY_DATA, check=False)
    assert_clear_error(result, 'head.num_classes = 100',
                       'training set has 10 classes')
    assert not list(tmp_path.glob('*.pth'))


def test_num_classes_of_a_teacher_are_checked_too(tmp_path):
    result = run_tool(
        'train.py', 'configs/sftkd/sftn_resnet56_resnet20_digits.py',
        '--work-dir', tmp_path, '--cfg-options',
        'model.architecture.backbone.arch=resnet8',
        'model.student.backbone.arch=resnet8',
        'model.architecture.head.num_classes=12', *TINY_DATA, check=False)
    assert_clear_error(result, 'architecture.head.num_classes = 12')


@pytest.fixture(scope='module')
def checkpoints(tmp_path_factory):
    """A resnet8 digits classifier, and an empty and a truncated file."""
    from mmengine.config import Config
    from mmengine.registry import DefaultScope
    from mmpretrain.registry import MODELS
    root = tmp_path_factory.mktemp('checkpoints')
    cfg = Config.fromfile(osp.join(REPO, 'configs/teachers/'
                                   'resnet20_digits.py'))
    cfg.model.backbone.arch = 'resnet8'
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        model = MODELS.build(cfg.model)
    torch.save({'state_dict': model.state_dict()}, root / 'resnet8.pth')
    (root / 'empty.pth').write_bytes(b'')
    data = (root / 'resnet8.pth').read_bytes()
    (root / 'truncated.pth').write_bytes(data[:len(data) // 2])
    return root


# (tool, config, how the checkpoint is given, the file, what the line names);
# every load path reads files alike (tests/test_checkpoint_fit.py), so each
# path is run once end to end
_CHECKPOINT_CASES = {
    'kd teacher of another arch':
    ('train.py', 'configs/distill/kd_resnet56_resnet20_digits.py',
     'model.teacher_ckpt', 'resnet8', 'does not fit model.teacher'),
    'load_from of another arch':
    ('train.py', 'configs/teachers/resnet20_digits.py', 'load_from',
     'resnet8', 'load_from = '),
    'resume from a truncated file':
    ('train.py', 'configs/teachers/resnet20_digits.py', '--resume',
     'truncated', 'is truncated, corrupt or not a torch checkpoint'),
    'test of another arch':
    ('test.py', 'configs/teachers/resnet20_digits.py', 'checkpoint',
     'resnet8', 'checkpoint = '),
    'sftn teacher of another arch':
    ('train.py', 'configs/sftkd/sftn_resnet56_resnet20_digits.py',
     'model.teacher_ckpt', 'resnet8', 'does not fit the SFTN teacher'),
    'ctkd expert empty':
    ('train.py', 'configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py',
     'model.teacher_ckpt', 'empty', 'the file is empty (0 bytes)'),
}


@pytest.mark.parametrize('case', list(_CHECKPOINT_CASES))
def test_checkpoint_that_is_broken_or_does_not_fit(case, checkpoints,
                                                   tmp_path):
    tool, config, given, name, needle = _CHECKPOINT_CASES[case]
    path = checkpoints / f'{name}.pth'
    if tool == 'test.py':
        args = [config, path, '--work-dir', tmp_path, '--cfg-options']
    elif given == '--resume':
        args = [config, '--resume', path, '--work-dir', tmp_path,
                '--cfg-options']
    else:
        args = [config, '--work-dir', tmp_path, '--cfg-options',
                f'{given}={path}']
    result = run_tool(tool, *args, *TINY_DATA, check=False)
    assert_clear_error(result, str(path), needle, tool=tool)
    if name == 'resnet8':  # the line says what does not fit
        assert 'keys missing' in result.stderr.strip().splitlines()[-1]
    assert not list(tmp_path.rglob('*.pth'))


def test_images_of_another_channel_count(tmp_path):
    config = tmp_path / 'one_channel.py'
    config.write_text(
        f"_base_ = [{osp.join(REPO, 'configs/teachers/resnet20_digits.py')!r}]"
        "\nmodel = dict(backbone=dict(_delete_=True, "
        "type='mmpretrain.ResNet_CIFAR', depth=18, in_channels=1), "
        "head=dict(in_channels=512))\n")
    result = run_tool('train.py', config, '--work-dir', tmp_path,
                      '--cfg-options', *TINY_DATA, check=False)
    assert_clear_error(result, 'backbone takes 1-channel images',
                       'conv1, has in_channels=1',
                       'the training images have 3 channels')
    assert not list(tmp_path.glob('*.pth'))


def test_input_channels_hook_draws_no_random_number():
    from types import SimpleNamespace

    import numpy as np
    from mmpretrain.models import ImageClassifier

    from mmrazor_sftkd.engine.hooks import InputChannelsHook
    from mmrazor_sftkd.utils import ConfigError

    class RandomlyCropped:  # draws from numpy's global generator, as
        def __len__(self):  # MMPretrain's RandomCrop does
            return 1

        def __getitem__(self, index):
            return dict(inputs=torch.rand(3, 4, 4) * np.random.rand())

    def runner(in_channels):
        classifier = ImageClassifier(
            backbone=dict(type='ResNet_CIFAR', depth=18,
                          in_channels=in_channels),
            head=dict(type='LinearClsHead', num_classes=2, in_channels=512))
        return SimpleNamespace(
            train_dataloader=SimpleNamespace(dataset=RandomlyCropped()),
            model=classifier)

    fits = runner(3)  # built first: its initialisation draws
    np.random.seed(0)
    torch.manual_seed(0)
    InputChannelsHook().before_train(fits)
    after = (np.random.rand(), torch.rand(1))
    np.random.seed(0)
    torch.manual_seed(0)
    assert after == (np.random.rand(), torch.rand(1))
    with pytest.raises(ConfigError, match='takes 1-channel images'):
        InputChannelsHook().before_train(runner(1))
