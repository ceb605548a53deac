"""The process's global random number generators, as checkpoint data.

Python's ``random``, NumPy's global ``RandomState`` (which MMPretrain's
``RandomCrop`` and ``RandomFlip`` draw from), torch's CPU generator and, where
CUDA is in use, torch's CUDA generators. The state is held in tensors and
plain Python values only, so a checkpoint that carries it still loads with
``torch.load(weights_only=True)`` and no extra allowed globals.
"""
import random
from typing import Dict, List

import numpy as np
import torch

__all__ = ['get_random_state', 'set_random_state']


def get_random_state() -> Dict[str, object]:
    """Read every global generator's state, without drawing from any.

    Returns:
        dict: ``python``, ``numpy`` and ``torch`` entries, and ``cuda`` (one
        state per visible device) when CUDA has been initialised; a CUDA
        generator that was never initialised is still at its seed, where a
        new process finds it too.
    """
    version, internal, gauss_next = random.getstate()
    name, keys, pos, has_gauss, cached_gaussian = np.random.get_state()
    state = dict(
        python=dict(
            version=version,
            internal=torch.tensor(internal, dtype=torch.int64),
            gauss_next=gauss_next),
        numpy=dict(
            bit_generator=name,
            keys=torch.from_numpy(keys.astype(np.int64)),
            pos=int(pos),
            has_gauss=int(has_gauss),
            cached_gaussian=float(cached_gaussian)),
        torch=torch.get_rng_state())
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def set_random_state(state: Dict[str, object]) -> List[str]:
    """Set the global generators to ``state`` (from :func:`get_random_state`).

    Tensors may be on any device (``Runner.resume`` maps checkpoints to the
    training device). CUDA states are set only where CUDA is available with
    as many devices as when they were read.

    Returns:
        list: The generators that were not set (``'cuda'`` at most).
    """
    py = state['python']
    random.setstate((py['version'], tuple(py['internal'].tolist()),
                     py['gauss_next']))
    npy = state['numpy']
    np.random.set_state(
        (npy['bit_generator'], npy['keys'].cpu().numpy().astype(np.uint32),
         npy['pos'], npy['has_gauss'], npy['cached_gaussian']))
    torch.set_rng_state(state['torch'].cpu())
    skipped = []
    cuda = state.get('cuda')
    if cuda is not None:
        if (torch.cuda.is_available()
                and torch.cuda.device_count() == len(cuda)):
            torch.cuda.set_rng_state_all([s.cpu() for s in cuda])
        else:
            skipped.append('cuda')
    return skipped
