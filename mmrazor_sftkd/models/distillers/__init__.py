# One import line per module; registration happens on import.
from .collaborative_teaching_distiller import CollaborativeTeachingDistiller  # noqa: F401
