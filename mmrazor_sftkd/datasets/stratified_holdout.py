"""A folder-per-class dataset split into a training part and a held-out part."""
from collections import defaultdict
from typing import List, Optional

import numpy as np
from mmpretrain.datasets import CustomDataset
from mmpretrain.registry import DATASETS

from mmrazor_sftkd.utils.exceptions import ConfigError


@DATASETS.register_module()
class StratifiedHoldoutDataset(CustomDataset):
    """MMPretrain's ``CustomDataset`` with a held-out validation part.

    Images are read from a folder per class (``data_root/data_prefix/<class>/
    *.jpg``), as ``CustomDataset`` reads them. What it adds: a deterministic,
    class-stratified split of that folder, so that hyper-parameters can be
    chosen on images carved out of the training folder while the test folder
    is kept for final figures. In every class the files are sorted by path and
    permuted with ``split_seed``; the first ``holdout_per_class`` of them form
    the ``'holdout'`` part and the rest the ``'train'`` part, optionally cut
    to its first ``train_per_class`` (a smaller training subset drawn the
    same way for every run).

    Args:
        part (str): ``'train'`` or ``'holdout'``.
        holdout_per_class (int): Images per class in the held-out part.
        train_per_class (int, optional): Cap on the images per class in the
            ``'train'`` part. Defaults to None (all the rest).
        split_seed (int): Seed of the per-class permutation. Defaults to 0.
        **kwargs: Passed to ``CustomDataset`` (``data_root``,
            ``data_prefix``, ``pipeline``, ...).
    """

    PARTS = ('train', 'holdout')

    def __init__(self,
                 part: str,
                 holdout_per_class: int,
                 train_per_class: Optional[int] = None,
                 split_seed: int = 0,
                 **kwargs):
        if part not in self.PARTS:
            raise ConfigError(f'StratifiedHoldoutDataset: part must be one '
                              f'of {list(self.PARTS)}, got {part!r}.')
        if holdout_per_class < 1 or (train_per_class is not None
                                     and train_per_class < 1):
            raise ConfigError(
                'StratifiedHoldoutDataset: holdout_per_class and '
                'train_per_class must be positive, got '
                f'{holdout_per_class!r} and {train_per_class!r}.')
        self.part = part
        self.holdout_per_class = holdout_per_class
        self.train_per_class = train_per_class
        self.split_seed = split_seed
        super().__init__(**kwargs)

    def load_data_list(self) -> List[dict]:
        by_class = defaultdict(list)
        for item in super().load_data_list():
            by_class[item['gt_label']].append(item)
        rng = np.random.RandomState(self.split_seed)
        chosen = []
        for label in sorted(by_class):
            items = sorted(by_class[label], key=lambda item: item['img_path'])
            if len(items) <= self.holdout_per_class:
                raise ConfigError(
                    f'StratifiedHoldoutDataset: class {label} has '
                    f'{len(items)} images, not more than holdout_per_class='
                    f'{self.holdout_per_class}.')
            order = rng.permutation(len(items))
            if self.part == 'holdout':
                picked = order[:self.holdout_per_class]
            else:
                picked = order[self.holdout_per_class:][:self.train_per_class]
            chosen += [items[i] for i in sorted(picked)]
        return chosen
