# The digits demo's one recipe choice of its own, batch 32 against the
# digits configs' 64 (sftn_digits.py), read on the validation split only:
#   python tools/run_pipeline.py configs/pipelines/search_digits.py \
#       --work-dir work_dirs/sftn_digits --results-dir work_dirs/search_digits
# It shares the demo's work dir, so the demo's students are its batch-32
# runs. The method weights are the CIFAR-10 search's (search_cifar10.py).
_base_ = ['./sftn_digits.py']

pipeline = dict(
    seeds=[0, 1, 2],
    stages=dict(
        student_bs64=dict(
            like='student', options=['train_dataloader.batch_size=64'])),
    compare=[('student_bs64', 'student')],
    follow=[],
    only=['student', 'student_bs64'],
)
