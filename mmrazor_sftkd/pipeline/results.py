"""Tables and plots of a study: per-seed values, paired differences."""
import csv
import io
import os.path as osp
import statistics
from typing import Dict, List, Optional

import torch
from mmengine import fileio

from mmrazor_sftkd.utils.scalars import load_scalars

METRIC = 'accuracy/top1'


def mean_std(values: List[float]) -> tuple:
    """Mean and sample std (None for one value); (None, None) if empty."""
    if not values:
        return None, None
    std = statistics.stdev(values) if len(values) > 1 else None
    return statistics.mean(values), std


def _per_seed(study, results: Dict[str, dict], key: str,
              field: str = 'test') -> Dict[int, float]:
    out = {}
    for seed in study.pipeline['seeds']:
        done = results.get(study.stage(key, seed).name)
        if done is not None:
            out[seed] = done[field][METRIC]
    return out


def _scores(path: str) -> torch.Tensor:
    return torch.load(path, weights_only=True)['pred_score']


def agreement_and_kl(student_preds: str, teacher_preds: str) -> tuple:
    """Top-1 agreement (%) and mean KL(p_T || p_S) over the test set."""
    p_s, p_t = _scores(student_preds), _scores(teacher_preds)
    agree = (p_s.argmax(1) == p_t.argmax(1)).float().mean().item() * 100
    eps = 1e-12
    kl = (p_t * ((p_t + eps).log() - (p_s + eps).log())).sum(1).mean()
    return agree, kl.item()


SPLITS = ('test', 'val')


def summarise(study, split: str = 'test') -> Dict[str, List[dict]]:
    """The study's tables: ``stages``, ``differences`` and ``following``.

    Every row has ``name``, ``per_seed`` (seed -> value), ``mean``, ``std``
    and ``n``; ``stages`` rows (top-1 of ``split``) also the mean train
    seconds and, for the test split, ``val``: the same for the final
    validation top-1. With ``split='val'`` (a search: choose on validation
    figures only) the differences are of validation figures, and there is
    no ``following`` table (it is measured on the test set).
    """
    if split not in SPLITS:
        raise ValueError(f'split must be one of {SPLITS}, got {split!r}')
    results = study.results()
    tables = dict(
        stages=[], differences=[], following=[], losses=[], split=split)
    for key in study.keys:
        per_seed = _per_seed(study, results, key, split)
        seconds = [
            results[study.stage(key, s).name]['train_seconds']
            for s in per_seed
        ]
        row = _row(key, per_seed, seconds=mean_std(seconds)[0])
        if split == 'test':
            row['val'] = _row(key, _per_seed(study, results, key, 'val'))
        tables['stages'].append(row)

    def selected(pairs):  # a run of some stages (``only``) reports their pairs
        return [p for p in pairs if all(key in study.keys for key in p)]

    for a, b in selected(study.pipeline.get('compare', [])):
        first = _per_seed(study, results, a, split)
        second = _per_seed(study, results, b, split)
        diffs = {
            s: first[s] - second[s]
            for s in study.pipeline['seeds'] if s in first and s in second
        }
        tables['differences'].append(_row(f'{a} - {b}', diffs))
    seed = study.pipeline['seeds'][0]
    for key in study.keys:
        stage = study.stage(key, seed)
        if stage.name in results:
            tables['losses'].append(
                dict(name=key, seed=seed,
                     terms=final_epoch_losses(study.stage_dir(stage))))
    follow = study.pipeline.get('follow', []) if split == 'test' else []
    for student, teacher in selected(follow):
        agree, kl = {}, {}
        for seed in study.pipeline['seeds']:
            s, t = study.stage(student, seed), study.stage(teacher, seed)
            if s.name in results and t.name in results:
                agree[seed], kl[seed] = agreement_and_kl(
                    study.predictions(s), study.predictions(t))
        tables['following'].append(
            dict(
                _row(f'{student} vs {teacher}', agree),
                kl=_row('', kl)))
    return tables


def final_epoch_losses(stage_dir: str) -> Dict[str, float]:
    """Mean of every logged loss term over a stage's final training epoch
    (what each term weighs once training has settled: a diagnosis)."""
    records = [r for r in load_scalars(stage_dir) if 'epoch' in r]
    if not records:
        return {}
    last = max(r['epoch'] for r in records)
    records = [r for r in records if r['epoch'] == last]
    terms = sorted({k for r in records for k in r if 'loss' in k})
    return {
        term: statistics.mean(r[term] for r in records if term in r)
        for term in terms
    }


def _row(name: str, per_seed: Dict[int, float],
         seconds: Optional[float] = None) -> dict:
    mean, std = mean_std(list(per_seed.values()))
    return dict(name=name, per_seed=per_seed, mean=mean, std=std,
                n=len(per_seed), seconds=seconds)


def _fmt(row: dict, digits: int = 2) -> str:
    if row['mean'] is None:
        return 'not run'
    if row['std'] is None:
        return f"{row['mean']:.{digits}f} (one seed)"
    return f"{row['mean']:.{digits}f} ± {row['std']:.{digits}f}"


def _seeds(row: dict, seeds: List[int], digits: int = 2) -> str:
    return ' / '.join(
        f"{row['per_seed'][s]:.{digits}f}" if s in row['per_seed'] else '-'
        for s in seeds)


def write_tables(tables: Dict[str, List[dict]], seeds: List[int],
                 work_dir: str) -> List[str]:
    """Write ``results.md`` and ``results.csv``; return their paths."""
    order = ' / '.join(str(s) for s in seeds)
    test = tables.get('split', 'test') == 'test'
    lines = [
        f"| stage | {'test' if test else 'validation'} top-1 (mean ± std) "
        f"| per seed ({order}) | " +
        ('validation top-1 (mean ± std) | ' if test else '') +
        'train s (mean) |', '|---|---|---|' + ('---|' if test else '') + '---|'
    ]
    for row in tables['stages']:
        seconds = '' if row['seconds'] is None else f"{row['seconds']:.0f}"
        val = f"{_fmt(row['val'])} | " if test else ''
        lines.append(f"| {row['name']} | {_fmt(row)} | "
                     f"{_seeds(row, seeds)} | {val}{seconds} |")
    if tables['differences']:
        lines += [
            '', f'| paired difference (same seed) | mean ± std | per seed '
            f'({order}) |', '|---|---|---|'
        ]
        for row in tables['differences']:
            lines.append(f"| {row['name']} | {_fmt(row)} | "
                         f"{_seeds(row, seeds)} |")
    if tables['following']:
        lines += [
            '', f'| student vs its teacher, test set | top-1 agreement % | '
            f'per seed ({order}) | KL(p_T \\|\\| p_S) | per seed |',
            '|---|---|---|---|---|'
        ]
        for row in tables['following']:
            lines.append(
                f"| {row['name']} | {_fmt(row)} | {_seeds(row, seeds)} | "
                f"{_fmt(row['kl'], 4)} | {_seeds(row['kl'], seeds, 4)} |")
    if tables.get('losses'):
        lines += [
            '', '| stage | loss terms, mean over the final training epoch '
            f"(seed {tables['losses'][0]['seed']}) |", '|---|---|'
        ]
        for row in tables['losses']:
            terms = ', '.join(f'{term} {value:.4g}'
                              for term, value in row['terms'].items())
            lines.append(f"| {row['name']} | {terms} |")
    # mmengine's put, made atomic by mmrazor_sftkd.compat: a runner killed
    # while it writes leaves the previous tables, never half of new ones
    md = osp.join(work_dir, 'results.md')
    fileio.put(('\n'.join(lines) + '\n').encode(), md)
    path = osp.join(work_dir, 'results.csv')
    with io.StringIO(newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['table', 'row', 'seed', 'value'])
        for table, rows in tables.items():
            if table == 'split':
                continue
            if table == 'losses':
                for row in rows:
                    for term, value in row['terms'].items():
                        writer.writerow([f'losses_{term}', row['name'],
                                         row['seed'], value])
                continue
            for row in rows:
                for seed, value in row['per_seed'].items():
                    writer.writerow([table, row['name'], seed, value])
                writer.writerow([table, row['name'], 'mean', row['mean']])
                writer.writerow([table, row['name'], 'std', row['std']])
                if table == 'stages' and 'val' in row:
                    for seed, value in row['val']['per_seed'].items():
                        writer.writerow(['stages_val', row['name'], seed,
                                         value])
                if table == 'following':
                    for seed, value in row['kl']['per_seed'].items():
                        writer.writerow([table + '_kl', row['name'], seed,
                                         value])
        fileio.put(f.getvalue().encode(), path)
    return [md, path]


def _save_figure(fig, path: str) -> None:
    with io.BytesIO() as buffer:
        fig.savefig(buffer, format='png', dpi=120)
        fileio.put(buffer.getvalue(), path)


def write_plots(study, tables: Dict[str, List[dict]],
                work_dir: str) -> List[str]:
    """Mean validation curves per stage and final bars; return paths."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    name = osp.basename(osp.normpath(work_dir))
    curves = osp.join(work_dir, 'val_curves.png')
    fig, ax = plt.subplots(figsize=(8, 5))
    for key in study.keys:
        runs = [study.curves(study.stage(key, s))
                for s in study.pipeline['seeds']]
        runs = [r for r in runs if r]
        if not runs:
            continue
        length = min(len(r) for r in runs)
        steps = [runs[0][i]['step'] for i in range(length)]
        mean = [statistics.mean(r[i][METRIC] for r in runs)
                for i in range(length)]
        ax.plot(steps, mean, marker='o' if length < 15 else None,
                markersize=3, label=f'{key} ({len(runs)} seeds)')
    ax.set_xlabel('epoch')
    ax.set_ylabel('validation top-1 (%), mean over seeds')
    ax.set_title(f'{name}: validation curves')
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    _save_figure(fig, curves)
    plt.close(fig)

    bars = osp.join(work_dir, 'final_bars.png')
    rows = [r for r in tables['stages'] if r['mean'] is not None]
    fig, ax = plt.subplots(figsize=(max(6, len(rows) * 0.8), 4))
    positions = range(len(rows))
    ax.bar(positions, [r['mean'] for r in rows],
           yerr=[r['std'] or 0.0 for r in rows], capsize=3)
    for x, row in zip(positions, rows):
        ax.annotate(f"{row['mean']:.2f}", (x, row['mean']),
                    textcoords='offset points', xytext=(0, 8), ha='center',
                    fontsize=7)
    ax.set_xticks(list(positions))
    ax.set_xticklabels([r['name'] for r in rows], rotation=30, ha='right')
    split = 'test' if tables.get('split', 'test') == 'test' else 'validation'
    ax.set_ylabel(f'{split} top-1 (%), mean ± std over seeds')
    ax.set_title(f'{name}: final {split} accuracy')
    low = min(r['mean'] - (r['std'] or 0.0) for r in rows) if rows else 0
    ax.set_ylim(max(0.0, low - 5), 100)
    fig.tight_layout()
    _save_figure(fig, bars)
    plt.close(fig)
    return [curves, bars]
