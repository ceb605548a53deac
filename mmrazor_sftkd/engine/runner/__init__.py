from .sftn_val_loop import SFTNValLoop

__all__ = ['SFTNValLoop']
