"""Read the scalars that mmengine's LocalVisBackend logs for a run."""
import glob
import json
import os.path as osp
from typing import List


def load_scalars(work_dir: str) -> List[dict]:
    """Every record of every run's ``vis_data/scalars.json`` in ``work_dir``.

    Runs (timestamped sub-folders, one per start or resume) are read in
    order, so a resumed training's records follow the interrupted ones.
    """
    records = []
    for path in sorted(
            glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json'))):
        with open(path) as f:
            records += [json.loads(line) for line in f if line.strip()]
    return records


def val_curve(work_dir: str, key: str = 'accuracy/top1') -> List[dict]:
    """Validation records holding ``key``, one per step (the latest wins)."""
    by_step = {r['step']: r for r in load_scalars(work_dir) if key in r}
    return [by_step[step] for step in sorted(by_step)]
