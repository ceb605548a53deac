# The shared runtime for the embedded digits set, whose training split is 23
# batches of 64: log every 4 iterations, so progress shows 5 times an epoch.
_base_ = ['./default_runtime.py']

default_hooks = dict(logger=dict(interval=4))
