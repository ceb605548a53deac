# The embedded digits set with its short schedule and runtime.
_base_ = [
    './datasets/digits_bs64.py',
    './schedules/digits_short.py',
    './default_runtime_digits.py',
]
