# The SFTN study on the embedded digits set (a smoke test: 1,437 training
# images, every network near 97-99%), three seeds, sized to finish in a few
# minutes on a 2-core CPU:
#   python tools/run_pipeline.py configs/pipelines/sftn_digits.py
# Per seed: resnet8 alone, a resnet20 teacher, an SFTN resnet20 teacher with
# resnet8 branches, and stock MMRazor KD into resnet8 from each teacher, all
# for 6 epochs; each then tested. The stage configs are the resnet56 ->
# resnet20 digits configs; the options shrink the networks.
# Results: work_dirs/sftn_digits/results.{md,csv}, val_curves.png,
# final_bars.png.
teacher = 'model.backbone.arch=resnet20'
student = 'model.backbone.arch=resnet8'
distill = [
    'model.teacher.backbone.arch=resnet20',
    'model.architecture.backbone.arch=resnet8'
]

pipeline = dict(
    seeds=[0, 1, 2],
    # Batch 32 (the digits configs use 64): twice the optimiser steps in
    # the same time; measured in sftn_digits_resnet56_resnet20.py.
    cfg_options=[
        'train_cfg.max_epochs=6', 'default_hooks.logger.interval=5',
        'train_dataloader.batch_size=32'
    ],
    stages=dict(
        student=dict(
            config='configs/teachers/resnet20_digits.py', options=[student]),
        teacher=dict(
            config='configs/teachers/resnet56_digits.py', options=[teacher]),
        sftn=dict(
            config='configs/sftkd/sftn_resnet56_resnet20_digits.py',
            options=[
                'model.architecture.backbone.arch=resnet20',
                'model.student.backbone.arch=resnet8'
            ]),
        kd_std=dict(
            config='configs/distill/kd_resnet56_resnet20_digits.py',
            options=distill,
            inputs={'model.teacher_ckpt': 'teacher'}),
        kd_sftn=dict(
            config='configs/distill/kd_resnet56_resnet20_digits.py',
            options=distill,
            inputs={'model.teacher_ckpt': 'sftn'}),
    ),
    compare=[('kd_sftn', 'kd_std'), ('kd_std', 'student')],
    follow=[('kd_std', 'teacher'), ('kd_sftn', 'sftn')],
    nproc=1,
)
