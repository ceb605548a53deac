"""Make MMEngine 0.10 / MMRazor 1.0.0 / MMPretrain 1.2 work on today's torch.

Every fix lives here, one small function per problem; each docstring says
what breaks and why. Each function first checks
the *feature* it repairs (never a version string), returns ``False`` when the
stack is already fine, and otherwise patches the narrowest place it can and
returns ``True``. :func:`apply_all` runs them in dependency order; it is called
once by ``import mmrazor_sftkd`` and is idempotent.

Security policy for checkpoint loading (``torch.load``):

* ``weights_only`` is never turned off for the process.
  ``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD`` is not used.
* Every checkpoint that mmengine loads (``load_from``, ``init_cfg`` pretrained,
  ``SingleTeacherDistill(teacher_ckpt=...)``) is loaded with
  ``weights_only=True``. The only extra globals allowed, for that call only,
  are data-only classes that mmengine writes into its own checkpoints
  (:func:`checkpoint_data_globals`).
* ``http(s)://`` checkpoints, and the ``modelzoo://``, ``torchvision://``,
  ``open-mmlab://`` and ``mmcls://`` ones that download through mmengine's
  ``load_from_http``, are read the same way, and so is ``--resume``.
  Nothing is ever fully unpickled. This needs torch >= 2.4 (the version
  ``setup.py`` asks for), where extra globals can be allowed for a load.
"""
import contextlib
import functools
import importlib
import importlib.metadata
import importlib.util
import os
import os.path as osp
import pickle
import sys
import tempfile
import types
from typing import Callable, Dict, List

import torch

__all__ = [
    'skip_mmrazor_quantization_backend_configs',
    'pickle_history_buffer_as_data',
    'load_checkpoints_weights_only',
    'resolve_config_packages_without_pkg_resources',
    'config_references_to_this_package',
    'init_dist_without_cuda',
    'ddp_without_device_ids_on_cpu',
    'plain_checkpoint_keys_under_separate_ddp',
    'set_module_inplace_false_on_every_submodule',
    'write_checkpoints_atomically',
    'format_config_text_once',
    'apply_all',
    'applied_fixes',
]

_APPLIED: Dict[str, bool] = {}

# ---------------------------------------------------------------------------
# 1. mmrazor's quantization backend configs
# ---------------------------------------------------------------------------

_BACKEND_CONFIG_MODULE = 'mmrazor.structures.quantization.backend_config'
#: torch.ao names that mmrazor 1.0.0 uses at import time to build its
#: quantization backend configs.
_MMRAZOR_TORCH_AO_NAMES = {
    'torch.ao.quantization.fuser_method_mappings':
    ('reverse2', 'reverse3', 'reverse_sequential_wrapper2', 'fuse_conv_bn'),
    'torch.ao.quantization.backend_config':
    ('BackendPatternConfig', 'DTypeConfig', 'ObservationType'),
    'torch.ao.quantization.qconfig_mapping':
    ('_FIXED_QPARAMS_OP_TO_OBSERVER', ),
}
_MMRAZOR_PATTERN_METHODS = ('_set_input_output_observed',
                            '_set_input_type_to_index',
                            '_set_num_tensor_args_to_observation_type',
                            '_set_overwrite_output_observer')


def _torch_has_mmrazor_quantization_api() -> bool:
    for module_name, names in _MMRAZOR_TORCH_AO_NAMES.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return False
        if not all(hasattr(module, name) for name in names):
            return False
    from torch.ao.quantization.backend_config import BackendPatternConfig
    return all(
        hasattr(BackendPatternConfig, name)
        for name in _MMRAZOR_PATTERN_METHODS)


def _quantization_unavailable(name: str) -> Callable:

    def unavailable(*args, **kwargs):
        raise RuntimeError(
            f'{name}: MMRazor 1.0.0 quantization backend configs use private '
            f'torch.ao APIs that torch {torch.__version__} no longer has. '
            'mmrazor_sftkd skips them (distillation never needs them); '
            'quantization with mmrazor needs torch 1.13.')

    unavailable.__name__ = name
    return unavailable


def skip_mmrazor_quantization_backend_configs() -> bool:
    """Let ``import mmrazor.models`` work when torch lacks mmrazor's ao APIs.

    mmrazor 1.0.0 builds its quantization ``BackendConfigs`` at import time
    from private ``torch.ao`` names that torch >= 2.1 renamed or removed, so
    every ``import mmrazor.models/engine/structures`` fails. This installs, in
    ``sys.modules``, a stand-in for
    ``mmrazor.structures.quantization.backend_config`` with the same public
    names: ``BackendConfigs`` maps every backend to ``None`` (what mmrazor
    itself does on torch < 1.13) and the ``get_*_backend_config`` functions
    raise a clear error. This is what upstream's unreleased fix does too.

    Must run before anything imports ``mmrazor.structures``.

    Returns:
        bool: Whether the stand-in was installed.
    """
    if _torch_has_mmrazor_quantization_api():
        return False
    if _BACKEND_CONFIG_MODULE in sys.modules and getattr(
            sys.modules[_BACKEND_CONFIG_MODULE], '__mmrazor_sftkd_stub__',
            False):
        return True
    stub = types.ModuleType(_BACKEND_CONFIG_MODULE)
    stub.__doc__ = ('Stand-in installed by mmrazor_sftkd.compat: this torch '
                    'lacks the torch.ao APIs mmrazor 1.0.0 quantization uses.')
    stub.__mmrazor_sftkd_stub__ = True
    stub.BackendConfigs = {
        'academic': None,
        'native': None,
        'tensorrt': None,
        'openvino': None
    }
    public = ['BackendConfigs']
    for backend in ('academic', 'native', 'openvino', 'tensorrt'):
        for suffix in ('', '_dict'):
            name = f'get_{backend}_backend_config{suffix}'
            setattr(stub, name, _quantization_unavailable(name))
            public.append(name)
    stub.__all__ = public
    sys.modules[_BACKEND_CONFIG_MODULE] = stub
    return True


# ---------------------------------------------------------------------------
# 2. HistoryBuffer pickles bound methods
# ---------------------------------------------------------------------------


def pickle_history_buffer_as_data() -> bool:
    """Keep mmengine checkpoints free of pickled functions.

    mmengine's ``HistoryBuffer.__getstate__`` stores its class-level registry
    of statistics methods (``getattr(HistoryBuffer, 'min')`` ...) in every
    checkpoint's message hub. ``builtins.getattr`` can never be allowed under
    ``weights_only=True``, so such a checkpoint can only be loaded by full
    unpickling. The methods are registered on the class at import time, so
    storing them adds nothing; this drops them from the pickled state.
    ``HistoryBuffer.__setstate__`` already treats them as optional, so stock
    mmengine reads the result unchanged.

    Returns:
        bool: Whether ``HistoryBuffer.__getstate__`` was replaced.
    """
    from mmengine.logging import HistoryBuffer
    if getattr(HistoryBuffer.__getstate__, '__mmrazor_sftkd__', False):
        return True
    if 'statistics_methods' not in HistoryBuffer().__getstate__():
        return False
    original = HistoryBuffer.__getstate__

    @functools.wraps(original)
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop('statistics_methods', None)
        return state

    __getstate__.__mmrazor_sftkd__ = True
    HistoryBuffer.__getstate__ = __getstate__
    return True


# ---------------------------------------------------------------------------
# 3. torch.load defaults to weights_only=True
# ---------------------------------------------------------------------------

def checkpoint_data_globals() -> List[object]:
    """Data-only classes that mmengine writes into its checkpoints.

    These are allowed (for one ``torch.load`` call at a time, never globally)
    on top of torch's own ``weights_only`` allowlist: mmengine's
    ``HistoryBuffer`` (plain arrays and counts), the numpy array/scalar
    reconstructors it needs and ``_codecs.encode``, which rebuilds bytes.
    """
    import numpy as np
    from mmengine.logging import HistoryBuffer
    try:
        multiarray = importlib.import_module('numpy._core.multiarray')
    except ImportError:  # numpy < 2
        multiarray = importlib.import_module('numpy.core.multiarray')
    # _codecs.encode rebuilds the bytes of pickle protocol 2 (numpy arrays
    # in torch.save'd files); torch >= 2.5 allows it by default, 2.4 does not
    allowed = [
        HistoryBuffer, np.ndarray, np.dtype, multiarray._reconstruct,
        multiarray.scalar,
        importlib.import_module('_codecs').encode
    ]
    allowed += sorted({type(np.dtype(code))
                       for code in np.typecodes['All']},
                      key=lambda cls: cls.__name__)
    return allowed


@contextlib.contextmanager
def _allowed_globals(allowed: List[object]):
    """Allow ``allowed`` for ``weights_only`` loads inside the block only.

    torch >= 2.5 has a context manager for this; torch 2.4 only a global
    list, which is extended here and put back afterwards.
    """
    if hasattr(torch.serialization, 'safe_globals'):
        with torch.serialization.safe_globals(allowed):
            yield
        return
    previous = torch.serialization.get_safe_globals()
    torch.serialization.add_safe_globals(allowed)
    try:
        yield
    finally:
        torch.serialization.clear_safe_globals()
        torch.serialization.add_safe_globals(previous)


def _unreadable_checkpoint(filename, error: Exception):
    """One line for a checkpoint file that torch cannot read at all.

    torch reports an empty, truncated or foreign file as ``EOFError``,
    ``KeyError``, ``OSError`` or a miniz ``RuntimeError``, none of which
    says that the file itself is broken.
    """
    from .utils.exceptions import ConfigError
    if isinstance(filename, (str, os.PathLike)) and osp.isfile(filename):
        size = osp.getsize(filename)
        text = str(error).strip()
        # torch's own text for these runs to several sentences
        detail = type(error).__name__ + (
            f': {text.splitlines()[0].split(". ")[0]}' if text else '')
        if size == 0:
            reason = 'the file is empty (0 bytes)'
        elif not _looks_like_a_checkpoint(filename):
            reason = (f'{size} bytes that torch cannot read (neither a zip '
                      'nor a pickle header)')
        else:
            reason = f'{size} bytes that torch cannot read ({detail})'
        return ConfigError(
            f'checkpoint {str(filename)!r} is truncated, corrupt or not a '
            f'torch checkpoint: {reason}. Save or download it again.')
    return None


def _looks_like_a_checkpoint(filename) -> bool:
    """Whether the file starts as ``torch.save`` writes: zip or a pickle."""
    if not isinstance(filename, (str, os.PathLike)):
        return True
    with open(filename, 'rb') as file:
        head = file.read(2)
    return head == b'PK' or head[:1] == b'\x80'


def load_weights_only(filename, map_location=None):
    """Load a checkpoint with ``weights_only=True``.

    Args:
        filename (str | file-like): The checkpoint.
        map_location: Same as :func:`torch.load`.

    Returns:
        The loaded object.

    Raises:
        pickle.UnpicklingError: If the file holds more than tensors,
            containers and :func:`checkpoint_data_globals`. The message says
            which global was refused and how to convert the file.
        ConfigError: If the file is empty, truncated or not a checkpoint.
    """
    with _allowed_globals(checkpoint_data_globals()):
        try:
            return torch.load(
                filename, map_location=map_location, weights_only=True)
        except FileNotFoundError:
            raise
        except (EOFError, KeyError, OSError, RuntimeError) as error:
            unreadable = _unreadable_checkpoint(filename, error)
            if unreadable is None:
                raise
            raise unreadable from error
        except pickle.UnpicklingError as error:
            # a foreign file, or (torch < 2.5) a truncated pickle reported by
            # the weights-only unpickler: 'unexpected EOF ... corrupted.'
            broken = (not _looks_like_a_checkpoint(filename)
                      or 'EOF' in str(error))
            unreadable = broken and _unreadable_checkpoint(filename, error)
            if unreadable:
                raise unreadable from error
            raise pickle.UnpicklingError(
                f'{filename} holds pickled Python objects beyond tensors, '
                'and unpickling them can run code, so mmrazor_sftkd does not '
                'load it. Checkpoints written with mmrazor_sftkd imported '
                'load as they are; a file from elsewhere that you trust can '
                'be re-saved as tensors only (its state_dict) on a machine '
                f'where you accept that risk. torch said: {error}') from error


def _load_from_http_weights_only(filename,
                                 map_location=None,
                                 model_dir=None,
                                 progress=None):
    """mmengine's ``load_from_http``, reading the download weights-only.

    Downloads as mmengine does (rank 0 first, the other ranks after a
    barrier, into torch hub's cache or ``model_dir``), then loads the file
    with :func:`load_weights_only`.
    """
    from mmengine.dist import barrier, get_dist_info
    from torch.hub import download_url_to_file, get_dir
    from urllib.parse import urlparse
    model_dir = model_dir or osp.join(get_dir(), 'checkpoints')
    cached = osp.join(model_dir, osp.basename(urlparse(filename).path))

    def fetch():
        if not osp.isfile(cached):
            os.makedirs(model_dir, exist_ok=True)
            download_url_to_file(
                filename, cached, progress=bool(progress))
        return load_weights_only(cached, map_location)

    rank, world_size = get_dist_info()
    if rank == 0:
        checkpoint = fetch()
    if world_size > 1:
        barrier()
        if rank > 0:
            checkpoint = fetch()
    return checkpoint


def load_checkpoints_weights_only() -> bool:
    """Load every mmengine checkpoint with ``weights_only=True``.

    mmengine 0.10.7's local checkpoint loader calls ``torch.load`` without
    ``weights_only``; on torch >= 2.6 that means ``weights_only=True`` with no
    allowance for what mmengine itself writes, so resuming and
    ``SingleTeacherDistill(teacher_ckpt=...)`` fail. Its ``http(s)://``
    loader goes through ``torch.hub.load_state_dict_from_url``, which
    unpickles fully, and so do ``modelzoo://``, ``torchvision://``,
    ``open-mmlab://`` and ``mmcls://``, which download through it. This
    replaces the local and the http(s) schemes of ``CheckpointLoader`` (and
    mmengine's ``load_from_http``, which the other prefixes call) with loaders
    that read through :func:`load_weights_only`, resuming included. Nothing
    is ever fully unpickled.

    Applied where torch can allow mmengine's data classes for one load
    (``torch.serialization.add_safe_globals``, torch >= 2.4): on torch 2.4
    and 2.5 too, where plain ``torch.load`` still unpickles fully.

    Returns:
        bool: Whether the loaders were replaced.
    """
    from mmengine.runner import checkpoint as mm_checkpoint
    CheckpointLoader = mm_checkpoint.CheckpointLoader
    if mm_checkpoint.load_from_http is _load_from_http_weights_only:
        return True
    if not hasattr(torch.serialization, 'add_safe_globals'):
        return False

    def load_from_local(filename, map_location):
        filename = osp.expanduser(filename)
        if not osp.isfile(filename):
            raise FileNotFoundError(f'{filename} can not be found.')
        return load_weights_only(filename, map_location)

    CheckpointLoader.register_scheme(
        prefixes='', loader=load_from_local, force=True)
    mm_checkpoint.load_from_http = _load_from_http_weights_only
    CheckpointLoader.register_scheme(
        prefixes=('http://', 'https://'),
        loader=_load_from_http_weights_only,
        force=True)
    return True


# ---------------------------------------------------------------------------
# 4. ``pkg::`` config references without pkg_resources
# ---------------------------------------------------------------------------


def _distribution_for_module(package: str):
    try:
        return importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _is_installed(package: str) -> bool:
    if _distribution_for_module(package) is not None:
        return True
    spec = importlib.util.find_spec(package)
    return spec is not None and spec.origin is not None


def _get_installed_path(package: str) -> str:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f'{package} is not installed, or is a namespace '
                           'package whose path cannot be inferred.')
    return osp.dirname(spec.origin)


def resolve_config_packages_without_pkg_resources() -> bool:
    """Resolve ``pkg::path`` config references with importlib.

    mmengine 0.10.7 finds the package behind ``_base_ = 'mmpretrain::...'`` or
    ``cfg_path='mmrazor::...'`` through ``pkg_resources``, which setuptools
    >= 81 no longer ships. This points mmengine's config module at
    importlib-based ``is_installed`` / ``get_installed_path``. Applied only
    when ``pkg_resources`` cannot be imported.

    Returns:
        bool: Whether the lookups were replaced.
    """
    if importlib.util.find_spec('pkg_resources') is not None:
        return False
    import mmengine.config.config as config_module
    import mmengine.utils as mmengine_utils
    import mmengine.utils.package_utils as package_utils
    for module in (config_module, mmengine_utils, package_utils):
        module.is_installed = _is_installed
        module.get_installed_path = _get_installed_path
    return True


def config_references_to_this_package() -> bool:
    """Let configs inherit this package's: ``mmrazor_sftkd::path.py``.

    mmengine 0.10.7 resolves ``_base_ = ['pkg::path.py']`` only for the
    packages in its hard-coded ``MODULE2PACKAGE`` table, and refuses others
    with "mmengine does not support to load mmrazor_sftkd config". This adds
    the package to the table; its configs are then read from the installed
    package's ``.mim/configs`` (``model-index.yml`` there lists no models,
    so every path falls back to that folder), as for OpenMMLab packages.
    mmengine also gives every ``type`` of such a base the registry scope
    named before ``::``; this package has no registries of its own (its
    classes are in MMRazor's and MMPretrain's), and its configs name their
    scopes themselves, so its bases are read as local files are.

    Returns:
        bool: Whether the package was added.
    """
    from mmengine.config import Config
    from mmengine.config import utils as config_utils
    if getattr(Config._get_cfg_path, 'reads_mmrazor_sftkd_bases', False):
        return True  # applied before
    if 'mmrazor_sftkd' in config_utils.MODULE2PACKAGE:
        return False  # an mmengine that knows the package
    config_utils.MODULE2PACKAGE['mmrazor_sftkd'] = 'mmrazor_sftkd'
    original = Config._get_cfg_path

    def get_cfg_path(cfg_path: str, filename: str):
        path, scope = original(cfg_path, filename)
        return path, None if scope == 'mmrazor_sftkd' else scope

    get_cfg_path.reads_mmrazor_sftkd_bases = True
    Config._get_cfg_path = staticmethod(get_cfg_path)
    return True


# ---------------------------------------------------------------------------
# 5. Distributed training on CPU-only machines
# ---------------------------------------------------------------------------


def init_dist_without_cuda() -> bool:
    """Let ``launcher='pytorch'`` initialise on a machine without CUDA.

    mmengine's ``_init_dist_pytorch`` always calls ``torch.cuda.set_device``,
    which fails without a GPU, and its default backend ``nccl`` needs CUDA.
    Without CUDA this initialises the process group directly and uses
    ``gloo`` when ``nccl`` was asked for. Applied only when
    ``torch.cuda.is_available()`` is false.

    Returns:
        bool: Whether mmengine's initialiser was replaced.
    """
    if torch.cuda.is_available():
        return False
    import mmengine.dist.utils as dist_utils
    if getattr(dist_utils._init_dist_pytorch, '__mmrazor_sftkd__', False):
        return True
    original = dist_utils._init_dist_pytorch

    @functools.wraps(original)
    def _init_dist_pytorch(backend, init_backend='torch', **kwargs):
        if init_backend != 'torch':
            return original(backend, init_backend=init_backend, **kwargs)
        if backend == 'nccl':
            backend = 'gloo'
        torch.distributed.init_process_group(
            backend=backend,
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']),
            **kwargs)

    _init_dist_pytorch.__mmrazor_sftkd__ = True
    dist_utils._init_dist_pytorch = _init_dist_pytorch
    return True


def ddp_without_device_ids_on_cpu() -> bool:
    """Wrap CPU models in DDP without ``device_ids``.

    mmengine's ``Runner.wrap_model`` passes ``device_ids=[LOCAL_RANK]`` to
    ``MMDistributedDataParallel``; torch refuses ``device_ids`` for a module
    whose parameters are on the CPU. Without CUDA this drops ``device_ids``
    (and ``output_device``) for such modules. Applied only when
    ``torch.cuda.is_available()`` is false.

    Returns:
        bool: Whether the wrapper's constructor was replaced.
    """
    if torch.cuda.is_available():
        return False
    from mmengine.model import MMDistributedDataParallel
    if getattr(MMDistributedDataParallel.__init__, '__mmrazor_sftkd__',
               False):
        return True
    original = MMDistributedDataParallel.__init__

    @functools.wraps(original)
    def __init__(self, module, detect_anomalous_params=False, **kwargs):
        on_cpu = all(p.device.type == 'cpu' for p in module.parameters())
        if on_cpu:
            kwargs.pop('device_ids', None)
            kwargs.pop('output_device', None)
        original(
            self,
            module=module,
            detect_anomalous_params=detect_anomalous_params,
            **kwargs)

    __init__.__mmrazor_sftkd__ = True
    MMDistributedDataParallel.__init__ = __init__
    return True


# ---------------------------------------------------------------------------
# 6. Checkpoint keys under MMSeparateDistributedDataParallel
# ---------------------------------------------------------------------------


def _drop_wrapper_prefixes(model, state_dict, prefix, local_metadata) -> None:
    """State-dict hook: ``net.module.x`` -> ``net.x`` for wrapped children."""
    from mmengine.model import is_model_wrapper
    wrapped = [f'{prefix}{name}.' for name, child in model._modules.items()
               if is_model_wrapper(child)]
    if not wrapped:
        return
    items = list(state_dict.items())
    state_dict.clear()
    for key, value in items:
        for head in wrapped:
            if key.startswith(head + 'module.'):
                key = head + key[len(head) + len('module.'):]
                break
        state_dict[key] = value


def plain_checkpoint_keys_under_separate_ddp() -> bool:
    """Save the same checkpoint keys with and without per-network DDP.

    ``MMSeparateDistributedDataParallel`` (one DDP per network, for models
    whose networks have their own optimizers: CTKD with two, IE-DML's
    peers) replaces each child ``net`` of the model by its wrapper, so the
    ``model.state_dict()`` that the Runner saves names every tensor
    ``net.module.x``. Such a checkpoint does not fit the same model run in
    one process or under ``MMDistributedDataParallel`` (whose Runner saves
    the unwrapped model).
    This registers a state-dict hook on every model that the wrapper wraps,
    dropping the ``module.`` of each wrapped child, so checkpoints have one
    set of keys in every mode. Loading needs nothing: mmengine's
    ``load_state_dict`` (resume, ``load_from``) already looks through
    wrapped children and expects these keys. Applied where
    ``torch.distributed`` is available.

    Returns:
        bool: Whether the wrapper's constructor registers the hook.
    """
    if not torch.distributed.is_available():
        return False
    from mmengine.model import MMSeparateDistributedDataParallel as Separate
    if getattr(Separate.__init__, '__mmrazor_sftkd__', False):
        return True
    original = Separate.__init__

    @functools.wraps(original)
    def __init__(self, module, *args, **kwargs):
        original(self, module, *args, **kwargs)
        # public from torch 2.5; the private one takes the same hook
        register = getattr(module, 'register_state_dict_post_hook',
                           module._register_state_dict_hook)
        register(_drop_wrapper_prefixes)

    __init__.__mmrazor_sftkd__ = True
    Separate.__init__ = __init__
    return True


# ---------------------------------------------------------------------------
# 7. MMRazor's in-place switch on torch 2.x
# ---------------------------------------------------------------------------


def _set_every_inplace_false(self, architecture, varstr: str) -> None:
    """Turn off ``inplace`` on every submodule of ``architecture``."""
    if isinstance(architecture, torch.nn.Module):
        for module in architecture.modules():
            if hasattr(module, 'inplace'):
                module.inplace = False


def set_module_inplace_false_on_every_submodule() -> bool:
    """Make MMRazor's ``set_module_inplace_false`` reach every submodule.

    MMRazor 1.0.0's ``BaseAlgorithm.set_module_inplace_false`` walks
    ``module._modules`` only while it is an ``OrderedDict``. Since torch 2.0
    it is a plain ``dict``, so the walk stops at the top module and no
    ``inplace`` flag is turned off. A recorder on a module that an in-place
    op follows then records the value after that op: a BN output recorded
    before ``ReLU(inplace=True)`` comes out clipped at 0, and a FitNets- or
    AT-style loss silently distills the wrong tensor. The replacement turns
    off ``inplace`` on every submodule, which is what the original does on
    torch 1.x. Applied when a fresh module's ``_modules`` is not an
    ``OrderedDict``.

    Returns:
        bool: Whether the method was replaced.
    """
    from collections import OrderedDict
    if isinstance(torch.nn.Module()._modules, OrderedDict):
        return False
    from mmrazor.models.algorithms.base import BaseAlgorithm
    original = BaseAlgorithm.set_module_inplace_false
    if original is not _set_every_inplace_false:
        # kept so that a test can show what the fix changes
        _set_every_inplace_false.__wrapped_original__ = original
        BaseAlgorithm.set_module_inplace_false = _set_every_inplace_false
    return True


# ---------------------------------------------------------------------------
# 8. Checkpoint files written in place
# ---------------------------------------------------------------------------


def _file_mode() -> int:
    """What ``open(path, 'w')`` would give a new file (0o666 less umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: Read once when the fix is applied: reading the umask means setting it.
_NEW_FILE_MODE = _file_mode()


def _put_atomically(self, obj: bytes, filepath) -> None:
    """Write ``obj`` to a temporary file beside ``filepath``, then rename."""
    filepath = str(filepath)
    directory = osp.dirname(osp.abspath(filepath))
    os.makedirs(directory, exist_ok=True)
    fd, temporary = tempfile.mkstemp(
        dir=directory, prefix=f'.{osp.basename(filepath)}.', suffix='.tmp')
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(obj)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, _NEW_FILE_MODE)
        os.replace(temporary, filepath)
    except BaseException as error:
        if osp.exists(temporary):
            os.remove(temporary)
        if isinstance(error, OSError):
            raise OSError(
                error.errno,
                f'could not write {filepath} ({error.strerror}); the file '
                'that was there, if any, is unchanged') from error
        raise


def write_checkpoints_atomically() -> bool:
    """Write local checkpoint files through a temporary file and a rename.

    mmengine 0.10's ``LocalBackend.put``, through which ``Runner`` saves
    every checkpoint, opens the target with ``'wb'`` and writes into it. A
    full disk or a kill during the write leaves a truncated ``epoch_N.pth``
    that cannot be loaded or resumed from. The replacement writes to a
    temporary file in the same folder, syncs it and renames it over the
    target, so a checkpoint file is always complete; ``last_checkpoint``,
    written after the save returns, only names complete files. A failed
    write removes the temporary file, leaves the previous file untouched
    and raises an ``OSError`` that names the target.

    Returns:
        bool: Whether ``LocalBackend.put`` was replaced.
    """
    from mmengine.fileio.backends import LocalBackend
    LocalBackend.put = _put_atomically
    return True


def format_config_text_once() -> bool:
    """Format each config text with yapf once per process, not per save.

    mmengine's ``Config.pretty_text`` formats the whole config with yapf,
    and ``Runner.save_checkpoint`` asks for it on every save: an epoch
    checkpoint, and a best one whenever accuracy improves. On a 2-core CPU
    that is 0.1 s a save, about 2 s of a 20 s digits run that saves 14
    times. The replacement remembers the formatted text of the last few
    unformatted texts; the same text gives the same result, so nothing a
    checkpoint holds changes.

    Returns:
        bool: Whether ``FormatCode`` in ``mmengine.config.config`` was
        wrapped (False if that module does not format with it).
    """
    from mmengine.config import config as config_module
    format_code = getattr(config_module, 'FormatCode', None)
    if format_code is None:
        return False
    if getattr(format_code, '_mmrazor_sftkd_cached', False):
        return True

    @functools.lru_cache(maxsize=8)
    def cached(source: str, style: tuple, options: tuple):
        return format_code(
            source, style_config=dict(style) or None, **dict(options))

    @functools.wraps(format_code)
    def format_once(source, style_config=None, **options):
        if style_config is not None and not isinstance(style_config, dict):
            return format_code(source, style_config=style_config, **options)
        try:
            return cached(source, tuple(sorted((style_config or {}).items())),
                          tuple(sorted(options.items())))
        except TypeError:  # an unhashable option: no cache
            return format_code(source, style_config=style_config, **options)

    format_once._mmrazor_sftkd_cached = True
    format_once.cache_info = cached.cache_info
    config_module.FormatCode = format_once
    return True


_FIXES = (
    skip_mmrazor_quantization_backend_configs,
    pickle_history_buffer_as_data,
    load_checkpoints_weights_only,
    resolve_config_packages_without_pkg_resources,
    config_references_to_this_package,
    init_dist_without_cuda,
    ddp_without_device_ids_on_cpu,
    plain_checkpoint_keys_under_separate_ddp,
    set_module_inplace_false_on_every_submodule,
    write_checkpoints_atomically,
    format_config_text_once,
)


def apply_all() -> Dict[str, bool]:
    """Apply every fix that this stack needs; safe to call repeatedly.

    Returns:
        dict: Fix name -> whether it is active.
    """
    for fix in _FIXES:
        _APPLIED[fix.__name__] = fix()
    return dict(_APPLIED)


def applied_fixes() -> Dict[str, bool]:
    """The result of the last :func:`apply_all` (fix name -> active)."""
    return dict(_APPLIED)


