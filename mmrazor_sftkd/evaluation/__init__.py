from .dump_scores import DumpScores

__all__ = ['DumpScores']
