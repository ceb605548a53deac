# One import line per module; registration happens on import.
from .ie_factor_encoder import IEFactorEncoder  # noqa: F401
from .ie_auto_encoder import IEAutoEncoder  # noqa: F401
from .ie_channel_split import IEChannelSplit  # noqa: F401
