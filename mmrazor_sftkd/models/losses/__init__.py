from .log_space_kl_divergence import LogSpaceKLDivergence

__all__ = ['LogSpaceKLDivergence']
