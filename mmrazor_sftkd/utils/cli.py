"""Error reporting shared by the command-line tools."""
import contextlib
import re
import sys

from mmengine.config import Config, DictAction

from .exceptions import ConfigError, TrainingError

#: mmengine's registry error for a ``type`` nobody registered.
_UNKNOWN_TYPE = re.compile(r"(\S+) is not in the (\S+) registry")
#: A config key that the built class does not take.
_BAD_ARGUMENT = re.compile(r"(\w+)\.__init__\(\) (got an unexpected keyword "
                           r"argument '\w+'|missing \d+ required positional "
                           r"arguments?: .*)")


def load_config(path: str) -> Config:
    """``Config.fromfile``, with a syntax error naming the file."""
    try:
        return Config.fromfile(path)
    except SyntaxError as error:
        if error.filename in (None, '<unknown>'):
            error.filename = path
        raise


class CfgOptions(DictAction):
    """mmengine's ``--cfg-options`` action, with a usage error for an item
    that is not ``key=value`` (mmengine's own raises a ValueError)."""

    def __call__(self, parser, namespace, values, option_string=None):
        for item in values:
            if '=' not in item:
                parser.error(f'{option_string}: {item!r} is not key=value')
        super().__call__(parser, namespace, values, option_string)


def _one_line(error: Exception) -> str:
    """The one-line message for a known mistake, or '' for anything else."""
    if isinstance(error, SyntaxError):
        return (f'{error.filename}, line {error.lineno}: {error.msg} (a '
                'Python syntax error in the config)')
    text = str(error.args[0]) if error.args else str(error)
    found = _UNKNOWN_TYPE.search(text)
    if isinstance(error, KeyError) and found:
        return (f'unknown type {found.group(1)!r}: it is not in the '
                f'{found.group(2)} registry. Check its spelling and scope '
                'prefix, and that custom_imports imports the module that '
                'registers it.')
    found = _BAD_ARGUMENT.search(text)
    if isinstance(error, TypeError) and found:
        return (f'{found.group(1)}: {found.group(2)}. Check the spelling of '
                'the config keys of this type.')
    return ''


@contextlib.contextmanager
def exit_on_config_error(prog: str):
    """Print a :class:`ConfigError` as one line and exit with status 2.

    So are a syntax error in a config file, an unregistered ``type`` and a
    config key that its class does not take. A :class:`TrainingError` is
    printed the same way, with status 1.

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
    except (SyntaxError, KeyError, TypeError) as error:
        line = _one_line(error)
        if not line:
            raise
        print(f'{prog}: error: {line}', file=sys.stderr)
        sys.exit(2)
