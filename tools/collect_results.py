# Print the final validation accuracy of every run under a work_dirs folder
# as a Markdown table:  python tools/collect_results.py work_dirs
import argparse
import glob
import json
import os.path as osp


def last_val_record(work_dir):
    """The last validation record of the newest run in ``work_dir``."""
    runs = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data',
                                     'scalars.json')))
    for path in reversed(runs):
        with open(path) as f:
            records = [json.loads(line) for line in f if line.strip()]
        val = [r for r in records if 'accuracy/top1' in r]
        if val:
            return val[-1]
    return None


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
