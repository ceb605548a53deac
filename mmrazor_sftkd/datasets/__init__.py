from .digits import DigitsDataset
from .stratified_holdout import StratifiedHoldoutDataset

__all__ = ['DigitsDataset', 'StratifiedHoldoutDataset']
