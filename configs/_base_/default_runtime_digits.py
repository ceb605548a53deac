# The shared runtime for the embedded digits set, whose training split is 18
# batches of 64: log every 3 iterations, so progress shows 6 times an epoch.
_base_ = ['./default_runtime.py']

default_hooks = dict(logger=dict(interval=3))
