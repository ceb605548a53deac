from .sftn import SFTN

__all__ = ['SFTN']
