# One import line per module; registration happens on import.
from .multi_model_val_loop import MultiModelValLoop  # noqa: F401
from .frozen_teacher_val_loop import FrozenTeacherValLoop  # noqa: F401
from .multi_model_test_loop import MultiModelTestLoop  # noqa: F401
