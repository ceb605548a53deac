"""Dump every config's resolved form, or compare two dumps key by key.

A refactor of the config tree (moving blocks into bases, renaming files
that only serve as bases) must not change what any config resolves to.
This tool makes that checkable::

    python tools/compare_configs.py dump  before/   # at the old revision
    python tools/compare_configs.py dump  after/    # at the new one
    python tools/compare_configs.py compare before/ after/

``dump`` resolves every config under ``configs/`` except ``_base_``
folders (``Config.fromfile``, inheritance applied) and writes one JSON file
per config, its keys flattened to dotted paths (``model.teacher.head.
num_classes``). ``compare`` lists every config that appeared or went away
and every key whose value changed, and sorts each change into one of the
kinds that are allowed (``--allow``), exiting 1 if any other is left:

- ``scope``: where a registry scope is written, not what is built: the
  runtime's ``default_scope``, a ``_scope_`` key, or a ``type`` that
  differs only by a ``mmrazor.`` / ``mmpretrain.`` prefix.
- a rename given as ``--rename OLD=NEW`` (a whole dotted key prefix or a
  ``type`` value), e.g. a loop class that was an alias of another.
- ``expected``: a change made on purpose, given as ``--expect PATTERN``
  (shell-style, matched against ``<dump name>: <key>``).
- ``helper variable``: a top-level name nothing reads (not in
  ``READ_KEYS``), e.g. ``num_classes = 10`` written once in a base; what it
  feeds is compared where it is used.
"""
import argparse
import fnmatch
import glob
import json
import os
import os.path as osp
import sys

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
SCOPE_PREFIXES = ('mmrazor.', 'mmpretrain.', 'mmengine.')
#: Top-level keys that something reads: the Runner, MMPretrain's tools, the
#: study runner. Any other top-level name is a helper variable of the config
#: text (``num_classes = 10``, ``teacher_ckpt = ...``); what it feeds shows
#: up under these keys.
READ_KEYS = frozenset((
    'model', 'data_preprocessor', 'train_dataloader', 'val_dataloader',
    'test_dataloader', 'train_cfg', 'val_cfg', 'test_cfg', 'optim_wrapper',
    'param_scheduler', 'val_evaluator', 'test_evaluator', 'default_hooks',
    'custom_hooks', 'env_cfg', 'vis_backends', 'visualizer', 'log_processor',
    'log_level', 'load_from', 'resume', 'randomness', 'custom_imports',
    'default_scope', 'auto_scale_lr', 'model_wrapper_cfg', 'work_dir',
    'launcher', 'find_unused_parameters', 'pipeline'))


def flatten(value, prefix=''):
    """``{'a': {'b': 1}, 'c': [2]}`` -> ``{'a.b': 1, 'c.0': 2}``."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return {prefix: value}
    flat = {}
    for key, item in items:
        flat.update(flatten(item, f'{prefix}.{key}' if prefix else str(key)))
    if not flat:  # keep empty containers visible
        flat[prefix] = type(value).__name__ + '()'
    return flat


def dump(out_dir: str, root: str) -> int:
    from mmengine.config import Config

    import mmrazor_sftkd  # noqa: F401  (pkg:: and mmrazor_sftkd:: bases)
    os.makedirs(out_dir, exist_ok=True)
    paths = sorted(
        p for p in glob.glob(osp.join(root, 'configs', '**', '*.py'),
                             recursive=True)
        if '_base_' not in osp.relpath(p, root).split(os.sep))
    for path in paths:
        rel = osp.relpath(path, root)
        cfg = Config.fromfile(path)
        flat = {k: repr(v) for k, v in flatten(cfg.to_dict()).items()}
        name = rel.replace(os.sep, '__')[:-len('.py')] + '.json'
        with open(osp.join(out_dir, name), 'w') as f:
            json.dump(flat, f, indent=0, sort_keys=True)
    print(f'dumped {len(paths)} resolved configs to {out_dir}')
    return 0


def strip_scope(text: str) -> str:
    value = text.strip("'\"")
    for prefix in SCOPE_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def renamed(key: str, renames) -> str:
    for old, new in renames:
        if key == old or key.startswith(old + '.'):
            return new + key[len(old):]
    return key


def classify(key: str, old, new, renames) -> str:
    """Why ``key`` may differ, or '' if it may not."""
    leaf = key.rsplit('.', 1)[-1]
    if key.split('.', 1)[0] not in READ_KEYS:
        return 'helper variable'
    if key == 'default_scope' or leaf == '_scope_':
        return 'scope'
    if leaf == 'type' and old is not None and new is not None:
        a, b = strip_scope(old), strip_scope(new)
        if a == b:
            return 'scope'
        for src, dst in renames:
            if a == src and b == dst:
                return f'rename {src}={dst}'
    return ''


def compare(before: str, after: str, renames, allow_missing,
            expected=()) -> int:
    names_a = set(os.listdir(before))
    names_b = set(os.listdir(after))
    problems, allowed = [], {}
    for name in sorted(names_a ^ names_b):
        side = 'only before' if name in names_a else 'only after'
        if name[:-len('.json')] in allow_missing:
            allowed.setdefault(f'{side} (allowed)', []).append(name)
        else:
            problems.append(f'{name}: {side}')
    for name in sorted(names_a & names_b):
        with open(osp.join(before, name)) as f:
            a = json.load(f)
        with open(osp.join(after, name)) as f:
            b_raw = json.load(f)
        a = {renamed(k, renames): v for k, v in a.items()}
        b = {renamed(k, renames): v for k, v in b_raw.items()}
        for key in sorted(set(a) | set(b)):
            old, new = a.get(key), b.get(key)
            if old == new:
                continue
            kind = classify(key, old, new, renames)
            if not kind and any(
                    fnmatch.fnmatchcase(f'{name[:-5]}: {key}', pattern)
                    for pattern in expected):
                kind = 'expected'
            if kind:
                allowed.setdefault(kind, []).append(f'{name}: {key}')
            else:
                problems.append(f'{name}: {key}: {old} -> {new}')
    shared = len(names_a & names_b)
    print(f'{shared} configs in both dumps, {len(names_a - names_b)} only '
          f'before, {len(names_b - names_a)} only after')
    for kind, keys in sorted(allowed.items()):
        print(f'allowed, {kind}: {len(keys)} keys')
    for line in problems:
        print(f'DIFFERENT {line}')
    print('no other difference' if not problems else
          f'{len(problems)} other differences')
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)
    p_dump = sub.add_parser('dump', help='resolve and dump every config')
    p_dump.add_argument('out_dir')
    p_dump.add_argument('--root', default=REPO,
                        help='the repository whose configs/ to dump')
    p_cmp = sub.add_parser('compare', help='compare two dumps')
    p_cmp.add_argument('before')
    p_cmp.add_argument('after')
    p_cmp.add_argument(
        '--rename', action='append', default=[], metavar='OLD=NEW',
        help='a key prefix or type value renamed on purpose')
    p_cmp.add_argument(
        '--allow-missing', action='append', default=[], metavar='NAME',
        help='a dump (file name without .json) allowed on one side only')
    p_cmp.add_argument(
        '--expect', action='append', default=[], metavar='PATTERN',
        help="a change made on purpose: a shell pattern over "
        "'<dump name>: <key>'")
    args = parser.parse_args(argv)
    if args.command == 'dump':
        return dump(args.out_dir, args.root)
    renames = []
    for item in args.rename:
        old, sep, new = item.partition('=')
        if not sep:
            parser.error(f'--rename {item!r}: expected OLD=NEW')
        renames.append((old, new))
    return compare(args.before, args.after, renames,
                   set(args.allow_missing), args.expect)


if __name__ == '__main__':
    sys.exit(main())
