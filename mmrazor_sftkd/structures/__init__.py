from .predictions import logits_to_predictions

__all__ = ['logits_to_predictions']
