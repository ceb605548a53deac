# Print the final validation accuracy of every run under a work_dirs folder
# as a Markdown table:  python tools/collect_results.py work_dirs
import argparse
import glob
import os.path as osp
import sys

sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
from mmrazor_sftkd.utils.scalars import val_curve  # noqa: E402


def last_val_record(work_dir):
    """The last validation record of ``work_dir`` (None if it has none)."""
    curve = val_curve(work_dir)
    return curve[-1] if curve else None


def main():
    parser = argparse.ArgumentParser(
        description='Final validation accuracy of every run in a folder.')
    parser.add_argument('root', help='folder holding one work_dir per run')
    args = parser.parse_args()
    print('| run | epoch | top-1 | teacher top-1 (distill runs) |')
    print('|---|---|---|---|')
    for work_dir in sorted(glob.glob(osp.join(args.root, '*'))):
        record = last_val_record(work_dir)
        if record is None:
            continue
        teacher = record.get('teacher.accuracy/top1')
        print(f'| {osp.basename(work_dir)} | {record.get("step")} | '
              f'{record["accuracy/top1"]:.2f} | '
              f'{"" if teacher is None else f"{teacher:.2f}"} |')


if __name__ == '__main__':
    main()
