# Plot every loss term and every validation metric of a run from its
# work_dir:  python tools/analyze_logs.py work_dirs/sftn_resnet56_resnet20_digits
import argparse
import os.path as osp
import sys

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
from mmrazor_sftkd.utils.scalars import load_scalars  # noqa: E402


def load_records(work_dir):
    """Train and val records of every run (resumed ones too) in order."""
    records = load_scalars(work_dir)
    val = [r for r in records if any('accuracy' in k for k in r)]
    train = [r for r in records if not any('accuracy' in k for k in r)]
    return train, val


def main():
    parser = argparse.ArgumentParser(
        description='Plot loss curves per term (e.g. teacher.loss_ce, '
        'branch1.loss_kl) and validation metrics per network (e.g. '
        'branch1.accuracy/top1) from a work_dir.')
    parser.add_argument('work_dir')
    parser.add_argument(
        '--out', help='output folder (default: the work_dir itself)')
    args = parser.parse_args()
    train, val = load_records(args.work_dir)
    if not train and not val:
        sys.exit(f'analyze_logs.py: error: no vis_data/scalars.json under '
                 f'{args.work_dir!r}')
    out = args.out or args.work_dir
    written = []
    losses = sorted({k for r in train for k in r if 'loss' in k})
    if losses:
        fig, ax = plt.subplots(figsize=(8, 5))
        for key in losses:
            points = [(r['step'], r[key]) for r in train if key in r]
            ax.plot(*zip(*points), label=key)
        ax.set_xlabel('iteration')
        ax.set_ylabel('loss')
        ax.legend(fontsize=7)
        fig.tight_layout()
        written.append(osp.join(out, 'loss_terms.png'))
        fig.savefig(written[-1], dpi=120)
        plt.close(fig)
    metrics = sorted({k for r in val for k in r if 'accuracy' in k})
    if metrics:
        fig, ax = plt.subplots(figsize=(8, 5))
        for key in metrics:
            points = [(r['step'], r[key]) for r in val if key in r]
            ax.plot(*zip(*points), marker='o', label=key)
        ax.set_xlabel('epoch')
        ax.set_ylabel('validation (%)')
        ax.legend(fontsize=7)
        fig.tight_layout()
        written.append(osp.join(out, 'val_metrics.png'))
        fig.savefig(written[-1], dpi=120)
        plt.close(fig)
    print(f'loss terms: {", ".join(losses) or "none"}')
    print(f'metrics: {", ".join(metrics) or "none"}')
    print('wrote ' + ', '.join(written))


if __name__ == '__main__':
    main()
