"""Error reporting shared by the command-line tools."""
import contextlib
import sys

from .exceptions import ConfigError, TrainingError


@contextlib.contextmanager
def exit_on_config_error(prog: str):
    """Print a :class:`ConfigError` as one line and exit with status 2.

    A :class:`TrainingError` is printed the same way, with status 1.

    Args:
        prog (str): Name of the tool, printed before the message.
    """
    try:
        yield
    except ConfigError as error:
        print(f'{prog}: error: {error}', file=sys.stderr)
        sys.exit(2)
    except TrainingError as error:
        print(f'{prog}: error: {error}', file=sys.stderr)
        sys.exit(1)
