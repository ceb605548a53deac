# The SFTN study on the embedded digits set with the digits configs' own
# resnet56 -> resnet20 pair, three seeds, 8 epochs (about 20 minutes of
# stage time on a 2-core CPU; configs/pipelines/sftn_digits.py is the
# few-minute version):
#   python tools/run_pipeline.py configs/pipelines/sftn_digits_resnet56_resnet20.py
# Per seed: resnet20 alone, a resnet56 teacher, an SFTN resnet56 teacher
# with resnet20 branches, and stock MMRazor KD into resnet20 from each.
# Results: work_dirs/sftn_digits_resnet56_resnet20/results.{md,csv}, val_curves.png,
# final_bars.png.
pipeline = dict(
    seeds=[0, 1, 2],
    # Every stage trains with batch 32 instead of the digits configs' 64:
    # 1438 training images give 23 steps an epoch at 64, too few for these
    # short schedules. Seed 2, SFTN resnet56 teacher (8 epochs, grad clip 5):
    # 43.06% top-1 at batch 64, 96.11% at 32; resnet8 alone (6 epochs),
    # seeds 0/1: 93.06/95.56 at 64, 97.78/97.22 at 32.
    cfg_options=[
        'default_hooks.logger.interval=5', 'train_dataloader.batch_size=32'
    ],
    stages=dict(
        student=dict(config='configs/teachers/resnet20_digits.py'),
        teacher=dict(config='configs/teachers/resnet56_digits.py'),
        sftn=dict(config='configs/sftkd/sftn_resnet56_resnet20_digits.py'),
        kd_std=dict(
            config='configs/distill/kd_resnet56_resnet20_digits.py',
            inputs={'model.teacher_ckpt': 'teacher'}),
        kd_sftn=dict(
            config='configs/distill/kd_resnet56_resnet20_digits.py',
            inputs={'model.teacher_ckpt': 'sftn'}),
    ),
    compare=[('kd_sftn', 'kd_std'), ('kd_std', 'student')],
    follow=[('kd_std', 'teacher'), ('kd_sftn', 'sftn')],
    nproc=1,
)
