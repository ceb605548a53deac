from .results import summarise, write_plots, write_tables
from .sftn_study import SFTNStudy, Stage

__all__ = ['SFTNStudy', 'Stage', 'summarise', 'write_plots', 'write_tables']
