# One import line per module; registration happens on import.
from .log_space_kl_divergence import LogSpaceKLDivergence  # noqa: F401
from .exploration_loss import ExplorationLoss  # noqa: F401
from .cosine_exploration_loss import CosineExplorationLoss  # noqa: F401
from .head_loss import head_loss  # noqa: F401
