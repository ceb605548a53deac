"""Argument parsing and error reporting shared by the command-line tools."""
import ast
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
#: mmengine's merge error for ``--cfg-options key.N=...`` past a list's end.
_LIST_INDEX = re.compile(r"Index (\d+) exceeds the length of list")


def load_config(path: str) -> Config:
    """``Config.fromfile``, with a syntax error naming the file."""
    try:
        return Config.fromfile(path)
    except SyntaxError as error:
        if error.filename in (None, '<unknown>'):
            error.filename = path
        raise


#: A ``dict(`` call in a ``--cfg-options`` value.
_DICT_CALL = re.compile(r'\bdict\s*\(')


def _literal(node: ast.AST):
    """The value of a Python literal in which ``dict(k=v, ...)`` calls are
    dicts and bare names are strings, as in mmengine's ``[a,b]`` form."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == 'dict' and not node.args
            and all(keyword.arg for keyword in node.keywords)):
        return {k.arg: _literal(k.value) for k in node.keywords}
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {
            _literal(key): _literal(value)
            for key, value in zip(node.keys, node.values)
        }
    if isinstance(node, ast.List):
        return [_literal(element) for element in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_literal(element) for element in node.elts)
    if isinstance(node, ast.Name):
        return node.id
    return ast.literal_eval(node)


def parse_dict_value(text: str):
    """Read a ``--cfg-options`` value that holds ``dict(...)``.

    mmengine's ``DictAction`` has no dict syntax: it keeps
    ``[dict(type='X')]`` as the list ``["dict(type='X')"]``, which fails
    much later (e.g. "vis_backends must be a list of dicts").

    Raises:
        ValueError: ``text`` is not such a literal.
    """
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in '\'"':
        text = text[1:-1]
    try:
        return _literal(ast.parse(text, mode='eval').body)
    except (SyntaxError, TypeError) as error:  # TypeError: unhashable key
        raise ValueError(str(error)) from error


def parse_option_value(text: str):
    """One ``--cfg-options`` value, read as mmengine's ``DictAction`` reads
    it, except that spaces inside it are kept.

    ``DictAction`` deletes every space of a value, so
    ``data_root=/my data`` becomes ``'/mydata'``, silently. Here a plain
    value keeps its inner spaces, a quoted one is taken verbatim (commas
    included), a list or tuple that is a Python literal is read as one
    (``['/a b', 1]``), and ``dict(...)`` is read as a dict
    (:func:`parse_dict_value`). Anything else goes to ``DictAction``.

    Raises:
        ValueError: A value with ``dict(...)`` in it is not a literal.
    """
    if _DICT_CALL.search(text):
        return parse_dict_value(text)
    value = text.strip()
    if value[:1] in ('[', '('):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            parsed = None  # e.g. [a,b]: DictAction reads bare words
        if isinstance(parsed, (list, tuple)):
            return parsed
        return DictAction._parse_iterable(text)
    if len(value) > 1 and value[0] == value[-1] and value[0] in '\'"':
        return value[1:-1]
    if ',' in value:
        return DictAction._parse_iterable(text)
    return DictAction._parse_int_float_bool(value)


class CfgOptions(DictAction):
    """mmengine's ``--cfg-options`` action, with a usage error for an item
    that is not ``key=value`` (mmengine's own raises a ValueError), spaces
    kept inside values and ``dict(...)`` read as a dict (see
    :func:`parse_option_value`).
    """

    def __call__(self, parser, namespace, values, option_string=None):
        for item in values:
            if '=' not in item:
                parser.error(f'{option_string}: {item!r} is not key=value')
        options = dict(getattr(namespace, self.dest, None) or {})
        for item in values:
            key, value = item.split('=', maxsplit=1)
            try:
                options[key] = parse_option_value(value)
            except ValueError:
                parser.error(
                    f'{option_string}: {item!r}: the value is not a Python '
                    'literal with dict(...) in it; write e.g. '
                    "key=\"[dict(type='A'),dict(type='B',n=1)]\"")
        setattr(namespace, self.dest, options)


#: ``--vis`` choices and the mmengine VisBackend each one adds.
VIS_BACKENDS = {
    'tensorboard': 'TensorboardVisBackend',
    'wandb': 'WandbVisBackend',
}


def add_vis_backends(cfg: Config, names) -> Config:
    """Append the VisBackend of each ``--vis`` name to the visualizer.

    The backends already configured stay: ``LocalVisBackend`` writes the
    ``vis_data/scalars.json`` that the project's tools read. A backend type
    that is already there is not added twice.

    Args:
        cfg (Config): The config, changed in place.
        names (list[str]): Keys of :data:`VIS_BACKENDS`.
    """
    if not names:
        return cfg
    if cfg.get('visualizer') is None:
        # what mmengine's Runner builds when a config has no visualizer
        cfg.visualizer = dict(
            type='Visualizer', vis_backends=[dict(type='LocalVisBackend')])
    backends = cfg.visualizer.get('vis_backends') or []
    if isinstance(backends, dict):
        backends = [backends]
    backends = list(backends)
    present = {
        str(backend.get('type', '')).split('.')[-1]
        for backend in backends if isinstance(backend, dict)
    }
    for name in names:
        if VIS_BACKENDS[name] not in present:
            backends.append(dict(type=VIS_BACKENDS[name]))
            present.add(VIS_BACKENDS[name])
    cfg.visualizer.vis_backends = backends
    return cfg


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
    found = _LIST_INDEX.search(text)
    if isinstance(error, KeyError) and found:
        return (f'--cfg-options: list index {found.group(1)} is past the '
                'end of the list; an index key only changes an item that '
                'exists. Give the whole list instead, e.g. '
                "key=\"[dict(type='A'),dict(type='B')]\".")
    found = _BAD_ARGUMENT.search(text)
    if isinstance(error, TypeError) and found:
        return (f'{found.group(1)}: {found.group(2)}. Check the spelling of '
                'the config keys of this type.')
    return ''


@contextlib.contextmanager
def exit_on_config_error(prog: str):
    """Print a :class:`ConfigError` as one line and exit with status 2.

    So are a syntax error in a config file, an unregistered ``type``, a
    config key that its class does not take and a ``--cfg-options`` list
    index past the end of the list. A :class:`TrainingError` is
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


def add_default_hooks(cfg, hooks: list) -> None:
    """Append to ``cfg.custom_hooks`` each of ``hooks`` whose type is not
    there yet: a config that ``tools/train.py`` dumped into a work dir
    already lists them, and a second instance would run twice (an
    ``ExactResumeHook`` would validate twice on resume)."""

    def name(hook) -> str:
        kind = hook.get('type')
        kind = getattr(kind, '__name__', str(kind))
        return kind.rsplit('.', 1)[-1]

    custom_hooks = list(cfg.get('custom_hooks', []))
    present = {name(hook) for hook in custom_hooks}
    cfg.custom_hooks = custom_hooks + [
        hook for hook in hooks if name(hook) not in present
    ]
