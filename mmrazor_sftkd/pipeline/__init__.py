from .results import summarise, write_plots, write_tables
from .study import Stage, Study

__all__ = ['Study', 'Stage', 'summarise', 'write_plots', 'write_tables']
