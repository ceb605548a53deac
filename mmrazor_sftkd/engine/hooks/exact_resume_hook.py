"""Make ``--resume`` continue a run exactly where it stopped."""
from typing import Optional

from mmengine.dist import get_world_size
from mmengine.hooks import Hook
from mmengine.runner import EpochBasedTrainLoop
from mmrazor.registry import HOOKS

from mmrazor_sftkd.utils.random_state import get_random_state, set_random_state

#: Checkpoint key of the random state (top level, next to ``state_dict``).
RANDOM_STATE_KEY = 'random_state'


@HOOKS.register_module()
class ExactResumeHook(Hook):
    """Store the random generators in checkpoints; restore them on resume.

    MMEngine restores weights, optimizer, schedulers and the message hub on
    ``--resume``, but no random generator: the resumed epochs crop, flip
    and mix the samples differently from the uninterrupted run, so the
    final weights differ. With this hook, a run resumed from an epoch checkpoint
    ends with bit-identical weights to the uninterrupted run (given the
    same seed, ``randomness.deterministic=True``, and a single process),
    which is what makes an interrupted run of a study reproducible.

    * Every checkpoint the runner saves carries the state of Python's
      ``random``, NumPy's global generator, torch's CPU generator and torch's
      CUDA generators (when CUDA is in use), as tensors and plain values,
      so it still loads with ``weights_only=True``
      (:mod:`mmrazor_sftkd.utils.random_state`).
    * On resume the state is set in ``before_train``, after every other
      hook's ``before_train`` (lowest priority): the uninterrupted run ran
      none of those at this point of training, and the next epoch starts
      right after.
    * An epoch checkpoint is written at the end of the epoch, before that
      epoch's validation (CheckpointHook writes it again after a validation
      that gives a new best score); validation draws from torch's generator
      (each DataLoader iterator draws a base seed). So, resuming from a
      checkpoint written before the validation that followed it, the
      resumed run validates that epoch again before training on, as the
      uninterrupted run did; after the final epoch too, so a run stopped
      between its last checkpoint and its last validation still ends with
      the final validation. This also logs the validation (and saves a
      best checkpoint, or steps a ``ReduceOnPlateau`` scheduler) when the
      interrupted run was killed during it.

    Not restored, with a warning: states of checkpoints written without
    this hook; runs that are not epoch-based (MMEngine's
    ``IterBasedTrainLoop`` replays its data iterator) or resume from a
    checkpoint saved within an epoch; and, in distributed runs with
    ``diff_rank_seed=True``, every rank (only rank 0 writes checkpoints).
    Other distributed runs get rank 0's state on every rank. Dataloader
    workers are seeded from the seed whenever they start (MMEngine's
    ``worker_init_fn``): at every epoch, which resumes exactly, except with
    ``persistent_workers=True``, where their generators live on in the
    workers across epochs and are not restored (a warning says so).
    ``tools/train.py`` adds this hook to every run. It draws no random
    number, so a run that is not resumed trains exactly as without it.

    Args:
        None.
    """

    priority = 'LOWEST'

    def __init__(self) -> None:
        self._validating = False
        self._loaded: Optional[dict] = None

    def before_val(self, runner) -> None:
        self._validating = True

    def after_val(self, runner) -> None:
        self._validating = False

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        state = get_random_state()
        # whether this checkpoint's epoch has been validated already (a best
        # checkpoint is saved during validation, an epoch checkpoint before)
        state['validated'] = self._validating
        checkpoint[RANDOM_STATE_KEY] = state

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        # Runner.resume sets the epoch, the iteration (and perhaps the seed,
        # reseeding every generator) after this call; before_train decides.
        meta = checkpoint.get('meta', {})
        self._loaded = dict(
            state=checkpoint.get(RANDOM_STATE_KEY),
            epoch=meta.get('epoch'),
            iter=meta.get('iter'))

    def before_train(self, runner) -> None:
        loaded, self._loaded = self._loaded, None
        if loaded is None or runner.iter == 0 or (
                runner.epoch, runner.iter) != (loaded['epoch'],
                                               loaded['iter']):
            return  # not resumed (load_from loads weights, at iteration 0)
        state = loaded['state']
        loop = runner.train_loop
        reason = None
        if state is None:
            reason = 'the checkpoint holds no random state'
        elif not isinstance(loop, EpochBasedTrainLoop):
            reason = f'{type(loop).__name__} is not epoch-based'
        elif runner.iter != runner.epoch * len(loop.dataloader):
            reason = 'the checkpoint was saved within an epoch'
        elif get_world_size() > 1 and (runner.cfg.get('randomness')
                                       or {}).get('diff_rank_seed', False):
            reason = 'only rank 0 stores its state (diff_rank_seed=True)'
        if reason is not None:
            runner.logger.warning(
                f'Random generators not restored ({reason}); the resumed '
                'run will not repeat the uninterrupted one exactly.')
            return
        skipped = set_random_state(state)
        if skipped:
            runner.logger.warning(
                f'Random generators restored except {skipped} (no such '
                'devices here).')
        else:
            runner.logger.info(
                f'Random generators restored as at epoch {runner.epoch}.')
        dataloader = loop.dataloader
        if dataloader.num_workers > 0 and dataloader.persistent_workers:
            runner.logger.warning(
                'persistent_workers=True: the dataloader workers start from '
                'the seed again, so their data augmentation differs from the '
                'uninterrupted run. Set persistent_workers=False (or '
                'num_workers=0) for an exact resume.')
        if not state['validated'] and self._loop_validates(runner, loop):
            runner.logger.info(
                f'Validating epoch {runner.epoch} again, as the '
                'uninterrupted run did after this checkpoint.')
            runner.val_loop.run()

    @staticmethod
    def _loop_validates(runner, loop: EpochBasedTrainLoop) -> bool:
        """Whether ``loop`` validates at the end of the epoch just trained."""
        if runner.val_loop is None:
            return False
        # the loop updates val_interval (dynamic_intervals) right before its
        # validation; this repeats that, for the same epoch
        loop._decide_current_val_interval()
        # mmengine's condition, the final epoch included: a run stopped
        # after its last checkpoint still ends with its final validation
        return (loop.epoch >= loop.val_begin
                and (loop.epoch % loop.val_interval == 0
                     or loop.epoch == loop.max_epochs))
