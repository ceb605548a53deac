"""mmrazor-sftkd: SFTN, IE-KD and CTKD for MMRazor on today's PyTorch.

Importing this package (directly, or through
``custom_imports=dict(imports=['mmrazor_sftkd'])``) first applies the stack
fixes in :mod:`mmrazor_sftkd.compat`, then registers the package's datasets,
metrics and models in MMPretrain's and MMRazor's registries.
"""
import warnings

# mmcv-lite ships no compiled ops, and importing mmcv's transformer bricks
# (which MMRazor does) warns that MultiScaleDeformableAttention is missing.
# Nothing in this package or in the MMRazor code it uses needs that op.
warnings.filterwarnings(
    'ignore',
    message='Fail to import ``MultiScaleDeformableAttention``',
    category=UserWarning)

# mmengine and mmrazor import pkg_resources, which setuptools < 81 (needed
# by openmim) deprecates with a warning on every import; with setuptools 81+
# it is gone and compat.resolve_config_packages_without_pkg_resources does
# without it. Nothing here or in the stack calls its deprecated functions in
# a way the user could change.
warnings.filterwarnings(
    'ignore',
    message='pkg_resources is deprecated as an API',
    category=UserWarning)

from . import compat  # noqa: E402

compat.apply_all()

from . import datasets, engine, evaluation, models, structures  # noqa: E402,F401,E501
from .version import __version__  # noqa: E402

__all__ = [
    'compat', 'datasets', 'engine', 'evaluation', 'models', '__version__'
]
