"""Imported by the server that forks the study's tools (``ToolProcess``).

Imports what a training or test run imports on its way to its first step,
so that each tool forked from the server starts with it imported: this
package first (it patches the stack on import), then mmengine's runner and
its environment report (torch's ``cpp_extension``), the visualizer
(matplotlib), MMRazor's datasets and the digits set (scikit-learn).
Together 6-10 s on 2 CPU cores, most of a short run's start-up. Nothing
here computes: a thread pool that has run is not safe to fork. The imported
objects are then frozen out of the garbage collector (``gc.freeze``, as
Python's docs advise before forking): the forked tools' collections skip
them, and their pages stay shared with the server.
"""
import gc
import importlib
import logging

MODULES = ('mmrazor_sftkd', 'torch.utils.cpp_extension', 'mmengine.runner',
           'mmpretrain.visualization', 'mmrazor.datasets', 'sklearn.datasets')

# cpp_extension warns at import that there is no CUDA runtime; a run says
# so in its own log, where mmengine's environment report imports it
_cpp_extension_log = logging.getLogger('torch.utils.cpp_extension')
_level = _cpp_extension_log.level
_cpp_extension_log.setLevel(logging.ERROR)
try:
    for _name in MODULES:
        try:
            importlib.import_module(_name)
        except ImportError:  # the tool that needs it will say so
            pass
finally:
    _cpp_extension_log.setLevel(_level)
gc.freeze()
