# The whole SFTN study on the embedded digits set, three seeds, sized to
# finish in a few minutes on a 2-core CPU:
#   python tools/run_pipeline.py configs/pipelines/sftn_digits.py
# Per seed: resnet8 alone, a resnet20 teacher, an SFTN resnet20 teacher with
# resnet8 branches, and stock MMRazor KD into resnet8 from each teacher, all
# for 6 epochs. The stage configs are the resnet56 -> resnet20 digits
# configs; stage_options shrink the networks.
# Results: work_dirs/sftn_digits/results.{md,csv}, val_curves.png,
# final_bars.png.
teacher_arch = 'resnet20'
student_arch = 'resnet8'

pipeline = dict(
    seeds=[0, 1, 2],
    student='configs/teachers/resnet20_digits.py',
    teacher='configs/teachers/resnet56_digits.py',
    sftn='configs/sftkd/sftn_resnet56_resnet20_digits.py',
    distill=dict(kd='configs/distill/kd_resnet56_resnet20_digits.py'),
    # Batch 32 (the digits configs use 64): twice the optimiser steps in
    # the same time; measured in sftn_digits_resnet56_resnet20.py.
    cfg_options=[
        'train_cfg.max_epochs=6', 'default_hooks.logger.interval=5',
        'train_dataloader.batch_size=32'
    ],
    stage_options=dict(
        student=[f'model.backbone.arch={student_arch}'],
        teacher=[f'model.backbone.arch={teacher_arch}'],
        sftn=[
            f'model.architecture.backbone.arch={teacher_arch}',
            f'model.student.backbone.arch={student_arch}'
        ],
        distill=[
            f'model.teacher.backbone.arch={teacher_arch}',
            f'model.architecture.backbone.arch={student_arch}'
        ]),
    nproc=1,
)
