"""Exceptions raised by mmrazor-sftkd for bad user input."""


class ConfigError(ValueError):
    """A config value is wrong in a way the user can fix.

    Raised instead of a deep traceback: the message names the offending
    value and, where possible, lists the values that would be accepted.
    Subclasses :class:`ValueError` and takes a single message argument, so
    mmengine's registry can re-raise it with its own prefix intact.
    """


class TrainingError(RuntimeError):
    """Training cannot go on meaningfully (for example a NaN loss).

    The message names where it happened and what to change; the tools print
    it as one line and exit with status 1.
    """
