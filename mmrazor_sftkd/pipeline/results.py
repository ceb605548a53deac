"""Tables and plots of an SFTN study."""
import csv
import os.path as osp
import statistics
from typing import Dict, List

ROWS = (('student alone', 'student', None), ('standard teacher', 'teacher',
                                              None), ('SFTN teacher', 'sftn',
                                                      None))


def _mean_std(values: List[float]) -> tuple:
    if not values:
        return None, None
    std = statistics.stdev(values) if len(values) > 1 else 0.0
    return statistics.mean(values), std


def summarise(study) -> List[dict]:
    """One row per network kind / KD method: mean and std over seeds."""
    results = study.results()
    groups: Dict[tuple, List[float]] = {}
    for stage in study.stages:
        if stage.name not in results:
            continue
        key = (stage.kind, stage.method, stage.teacher)
        groups.setdefault(key, []).append(
            results[stage.name]['accuracy/top1'])
    rows = []
    for label, kind, _ in ROWS:
        values = groups.get((kind, None, None), [])
        mean, std = _mean_std(values)
        rows.append(
            dict(row=label, teacher='', mean=mean, std=std, n=len(values)))
    for method in study.pipeline['distill']:
        for teacher, name in (('teacher', 'standard'), ('sftn', 'SFTN')):
            values = groups.get(('distill', method, teacher), [])
            mean, std = _mean_std(values)
            rows.append(
                dict(
                    row=f'student by {method}',
                    teacher=name,
                    mean=mean,
                    std=std,
                    n=len(values)))
    return rows


def _fmt(row: dict) -> str:
    if row['mean'] is None:
        return 'not run'
    return f"{row['mean']:.2f} ± {row['std']:.2f}"


def write_tables(rows: List[dict], work_dir: str) -> List[str]:
    """Write ``results.md`` and ``results.csv``; return their paths."""
    md = osp.join(work_dir, 'results.md')
    with open(md, 'w') as f:
        f.write('| network | teacher | top-1 (mean ± std) | seeds |\n')
        f.write('|---|---|---|---|\n')
        for row in rows:
            f.write(f"| {row['row']} | {row['teacher']} | {_fmt(row)} | "
                    f"{row['n']} |\n")
    path = osp.join(work_dir, 'results.csv')
    with open(path, 'w', newline='') as f:
        writer = csv.DictWriter(
            f, fieldnames=['row', 'teacher', 'mean', 'std', 'n'])
        writer.writeheader()
        writer.writerows(rows)
    return [md, path]


def write_plots(study, rows: List[dict], work_dir: str) -> List[str]:
    """Validation curves per stage and final-accuracy bars; return paths."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    curves = osp.join(work_dir, 'val_curves.png')
    fig, ax = plt.subplots(figsize=(8, 5))
    for stage in study.stages:
        records = study.curves(stage)
        if records:
            ax.plot([r['step'] for r in records],
                    [r['accuracy/top1'] for r in records],
                    label=stage.name)
    ax.set_xlabel('epoch')
    ax.set_ylabel('validation top-1 (%)')
    ax.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(curves, dpi=120)
    plt.close(fig)

    bars = osp.join(work_dir, 'final_bars.png')
    methods = list(study.pipeline['distill'])
    fig, ax = plt.subplots(figsize=(6, 4))
    width = 0.38
    for offset, teacher in ((-width / 2, 'standard'), (width / 2, 'SFTN')):
        picked = [
            next(r for r in rows
                 if r['row'] == f'student by {m}' and r['teacher'] == teacher)
            for m in methods
        ]
        ax.bar([i + offset for i in range(len(methods))],
               [r['mean'] or 0.0 for r in picked],
               width,
               yerr=[r['std'] or 0.0 for r in picked],
               label=f'{teacher} teacher',
               capsize=3)
    alone = rows[0]
    if alone['mean'] is not None:
        ax.axhline(alone['mean'], color='grey', linestyle='--',
                   label='student alone')
    ax.set_xticks(range(len(methods)))
    ax.set_xticklabels(methods)
    ax.set_ylabel('student top-1 (%)')
    ax.legend()
    fig.tight_layout()
    fig.savefig(bars, dpi=120)
    plt.close(fig)
    return [curves, bars]
