# One import line per module; registration happens on import.
from .sftn import SFTN  # noqa: F401
from .collaborative_teaching_distill import CollaborativeTeachingDistill  # noqa: F401
from .iedml import IEDML  # noqa: F401
