"""The embedded digits dataset: real images that need no download."""
from typing import List, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from mmpretrain.datasets import BaseDataset
from mmpretrain.registry import DATASETS

from mmrazor_sftkd.utils.exceptions import ConfigError


@DATASETS.register_module()
class DigitsDataset(BaseDataset):
    """scikit-learn's bundled handwritten digits as 32x32 RGB images.

    scikit-learn ships the UCI optical-recognition digits (1,797 real 8x8
    grey-level images, 10 classes) inside its wheel, so this dataset works
    on machines without internet. What it adds over
    :func:`sklearn.datasets.load_digits`: the images are scaled from [0, 16]
    to uint8 [0, 255], resized (bilinear) to ``image_size`` and repeated to 3
    channels, so CIFAR-shaped models and pipelines run on them unchanged;
    and a deterministic, class-stratified train/val/test split.

    Args:
        split (str): ``'train'``, ``'val'`` or ``'test'``. Defaults to
            ``'train'``.
        test_ratio (float): Fraction of every class held out for ``'test'``.
            Defaults to 0.2.
        val_ratio (float): Fraction of every class of the rest (the non-test
            images) held out for ``'val'``, the split to choose
            hyper-parameters on; 0 keeps it all for ``'train'``. The test
            split does not depend on it. Defaults to 0.
        split_seed (int): Seed of the stratified split; the same seed always
            gives the same split. Defaults to 0.
        image_size (int): Side of the square output images. Defaults to 32.
        **kwargs: Passed to :class:`mmpretrain.datasets.BaseDataset`
            (``pipeline``, ``indices``, ``lazy_init`` ...).

    References:
        E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten
        Digits", UCI Machine Learning Repository, 1998.
    """

    METAINFO = {'classes': tuple(str(digit) for digit in range(10))}
    SPLITS = ('train', 'val', 'test')

    def __init__(self,
                 split: str = 'train',
                 test_ratio: float = 0.2,
                 val_ratio: float = 0.0,
                 split_seed: int = 0,
                 image_size: int = 32,
                 **kwargs):
        if split not in self.SPLITS:
            raise ConfigError(f'DigitsDataset: unknown split {split!r}; '
                              f'choose one of {list(self.SPLITS)}.')
        if not 0.0 < test_ratio < 1.0:
            raise ConfigError('DigitsDataset: test_ratio must be in (0, 1), '
                              f'got {test_ratio!r}.')
        if not 0.0 <= val_ratio < 1.0 or (split == 'val' and not val_ratio):
            raise ConfigError('DigitsDataset: val_ratio must be in [0, 1), '
                              "and above 0 for split='val'; got "
                              f'{val_ratio!r}.')
        if image_size < 8:
            raise ConfigError('DigitsDataset: image_size must be >= 8 (the '
                              f'source images are 8x8), got {image_size!r}.')
        self.split = split
        self.test_ratio = test_ratio
        self.val_ratio = val_ratio
        self.split_seed = split_seed
        self.image_size = image_size
        kwargs.setdefault('test_mode', split == 'test')
        super().__init__(ann_file='', **kwargs)

    def split_indices(self, labels: Sequence[int]) -> np.ndarray:
        """Indices of this split: ``test_ratio`` of every class is test,
        ``val_ratio`` of every class of the rest is val."""
        from sklearn.model_selection import train_test_split
        labels = np.asarray(labels)
        train, test = train_test_split(
            np.arange(len(labels)),
            test_size=self.test_ratio,
            random_state=self.split_seed,
            stratify=labels)
        if self.split == 'test':
            return np.sort(test)
        if self.val_ratio:
            train, val = train_test_split(
                train,
                test_size=self.val_ratio,
                random_state=self.split_seed,
                stratify=labels[train])
            if self.split == 'val':
                return np.sort(val)
        return np.sort(train)

    def load_data_list(self) -> List[dict]:
        """Load, resize and split the bundled digits."""
        from sklearn.datasets import load_digits
        digits = load_digits()
        scale = 255.0 / float(digits.images.max())
        images = torch.from_numpy(digits.images * scale).float()[:, None]
        images = F.interpolate(
            images,
            size=(self.image_size, self.image_size),
            mode='bilinear',
            align_corners=False)
        images = images.round().clamp(0, 255).to(torch.uint8)
        images = images.repeat(1, 3, 1, 1).permute(0, 2, 3, 1).numpy()
        labels = digits.target
        return [
            dict(img=np.ascontiguousarray(images[i]), gt_label=int(labels[i]))
            for i in self.split_indices(labels)
        ]

    def extra_repr(self) -> List[str]:
        """Extra lines for ``repr``."""
        return [
            f'Split: \t{self.split}', f'Test ratio: \t{self.test_ratio}',
            f'Val ratio: \t{self.val_ratio}',
            f'Split seed: \t{self.split_seed}',
            f'Image size: \t{self.image_size}'
        ]
