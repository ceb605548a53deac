import numpy as np
import pytest
from mmpretrain.registry import DATASETS

from mmrazor_sftkd.datasets import DigitsDataset
from mmrazor_sftkd.utils import ConfigError


def labels_and_images(dataset):
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    return (np.array([info['gt_label'] for info in infos]),
            np.stack([info['img'] for info in infos]))


def test_sizes_and_format():
    train, test = DigitsDataset(split='train'), DigitsDataset(split='test')
    assert len(train) + len(test) == 1797
    assert len(test) == 360
    _, images = labels_and_images(train)
    assert images.shape == (len(train), 32, 32, 3)
    assert images.dtype == np.uint8
    assert images.max() == 255 and images.min() == 0
    # grey images repeated to RGB
    assert np.array_equal(images[..., 0], images[..., 2])
    assert train.metainfo['classes'] == tuple('0123456789')


def test_split_is_deterministic_disjoint_and_stratified():
    from sklearn.datasets import load_digits
    digits = load_digits()
    train = DigitsDataset(split='train')
    test = DigitsDataset(split='test')
    train_idx = train.split_indices(digits.target)
    test_idx = test.split_indices(digits.target)
    assert not set(train_idx) & set(test_idx)
    assert len(set(train_idx) | set(test_idx)) == 1797
    assert np.array_equal(
        DigitsDataset(split='test').split_indices(digits.target), test_idx)
    # another seed gives another split
    other = DigitsDataset(split='test', split_seed=1)
    assert not np.array_equal(other.split_indices(digits.target), test_idx)
    test_labels, _ = labels_and_images(test)
    counts = np.bincount(test_labels, minlength=10)
    expected = np.bincount(digits.target, minlength=10) * 0.2
    assert np.all(np.abs(counts - expected) <= 1)


def test_val_split_is_carved_from_train_only():
    from sklearn.datasets import load_digits
    labels = load_digits().target
    parts = {
        split: DigitsDataset(split=split, val_ratio=0.2).split_indices(labels)
        for split in ('train', 'val', 'test')
    }
    assert len(parts['train']) == 1149 and len(parts['val']) == 288
    assert len(set().union(*map(set, parts.values()))) == 1797
    for a, b in (('train', 'val'), ('train', 'test'), ('val', 'test')):
        assert not set(parts[a]) & set(parts[b])
    # the test split is the same with or without a val split
    assert np.array_equal(parts['test'],
                          DigitsDataset(split='test').split_indices(labels))
    counts = np.bincount(labels[parts['val']], minlength=10)
    expected = np.bincount(labels, minlength=10) * 0.8 * 0.2
    assert np.all(np.abs(counts - expected) <= 1.5)
    with pytest.raises(ConfigError, match='above 0 for split'):
        DigitsDataset(split='val')


def test_images_match_source_digits():
    """The 32x32 image is the 8x8 source image, resized: same layout."""
    from sklearn.datasets import load_digits
    digits = load_digits()
    train = DigitsDataset(split='train', image_size=8)
    index = train.split_indices(digits.target)[0]
    info = train.get_data_info(0)
    expected = np.round(digits.images[index] * 255.0 / 16.0)
    assert np.allclose(info['img'][..., 0], expected, atol=1)
    assert info['gt_label'] == digits.target[index]


def test_registry_and_pipeline():
    from mmengine.registry import init_default_scope
    init_default_scope('mmpretrain')  # other tests may leave 'mmrazor' set
    dataset = DATASETS.build(
        dict(
            type='DigitsDataset',
            split='test',
            pipeline=[dict(type='PackInputs')]))
    sample = dataset[0]
    assert tuple(sample['inputs'].shape) == (3, 32, 32)
    assert sample['data_samples'].gt_label.item() == dataset.get_data_info(
        0)['gt_label']


@pytest.mark.parametrize('kwargs, match', [
    (dict(split='valid'), "unknown split 'valid'"),
    (dict(split='val'), 'above 0 for split'),
    (dict(val_ratio=1.0), 'val_ratio'),
    (dict(test_ratio=1.5), 'test_ratio'),
    (dict(image_size=4), 'image_size'),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ConfigError, match=match):
        DigitsDataset(**kwargs)
