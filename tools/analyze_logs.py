# Plot every loss term and every validation metric of a run from its
# work_dir:  python tools/analyze_logs.py work_dirs/sftn_resnet56_resnet20_digits
import argparse
import math
import os.path as osp
import sys

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
from mmrazor_sftkd.utils.scalars import load_scalars  # noqa: E402


def load_records(work_dir):
    """Train and val records of every run (resumed ones too) in order."""
    records = load_scalars(work_dir)
    val = [r for r in records if any('accuracy' in k for k in r)]
    train = [r for r in records if not any('accuracy' in k for k in r)]
    return train, val


#: Curves with fewer points than this get a marker at each point, so that
#: a short run's few values are visible rather than a bare polyline.
MARKER_BELOW = 20


def _marker(points):
    return 'o' if len(points) < MARKER_BELOW else None


def run_name(work_dir):
    """The run's name: the work_dir's folder name."""
    return osp.basename(osp.normpath(osp.abspath(work_dir)))


def plot_losses(train, keys, title):
    """One panel per loss term, so that terms of very different sizes
    (e.g. a cross-entropy near 2 and a KL term near 0.01) each keep their
    own y scale."""
    cols = min(3, len(keys))
    rows = math.ceil(len(keys) / cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(4 * cols, 2.8 * rows + 0.6), sharex=True,
        squeeze=False)
    axes = axes.ravel()
    for ax in axes[len(keys):]:
        fig.delaxes(ax)
    for ax, key in zip(axes, keys):
        points = [(r['step'], r[key]) for r in train if key in r]
        ax.plot(*zip(*points), marker=_marker(points), markersize=3)
        ax.set_title(key, fontsize=9)
        ax.grid(alpha=0.3)
    for index, ax in enumerate(axes[:len(keys)]):
        # the bottom panel of each column carries the x label
        if index + cols >= len(keys):
            ax.set_xlabel('iteration')
            ax.xaxis.set_tick_params(labelbottom=True)
    fig.suptitle(f'{title}: loss terms')
    fig.tight_layout()
    return fig


def plot_metrics(val, keys, title):
    """Validation metrics of every network on one panel (all in %)."""
    fig, ax = plt.subplots(figsize=(8, 5))
    for key in keys:
        points = [(r['step'], r[key]) for r in val if key in r]
        ax.plot(*zip(*points), marker=_marker(points), label=key)
    ax.set_xlabel('epoch')
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel('validation (%)')
    ax.set_title(f'{title}: validation')
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def main():
    parser = argparse.ArgumentParser(
        description='Plot loss curves per term (e.g. teacher.loss_ce, '
        'branch1.loss_kl), one panel each, and validation metrics per '
        'network (e.g. branch1.accuracy/top1) from a work_dir.')
    parser.add_argument('work_dir')
    parser.add_argument(
        '--out', help='output folder (default: the work_dir itself)')
    args = parser.parse_args()
    train, val = load_records(args.work_dir)
    if not train and not val:
        sys.exit(f'analyze_logs.py: error: no vis_data/scalars.json under '
                 f'{args.work_dir!r}')
    out = args.out or args.work_dir
    title = run_name(args.work_dir)
    written = []
    losses = sorted({k for r in train for k in r if 'loss' in k})
    metrics = sorted({k for r in val for k in r if 'accuracy' in k})
    for keys, plot, records, name in (
            (losses, plot_losses, train, 'loss_terms.png'),
            (metrics, plot_metrics, val, 'val_metrics.png')):
        if not keys:
            continue
        fig = plot(records, keys, title)
        written.append(osp.join(out, name))
        fig.savefig(written[-1], dpi=120)
        plt.close(fig)
    print(f'loss terms: {", ".join(losses) or "none"}')
    print(f'metrics: {", ".join(metrics) or "none"}')
    print('wrote ' + ', '.join(written))


if __name__ == '__main__':
    main()
