# The SFTN study on CIFAR-100 (data in data/cifar100), the CRD recipe:
#   python tools/run_pipeline.py configs/pipelines/sftn_resnet32x4_resnet8x4_cifar100.py --nproc 4
# Per seed: resnet8x4 alone, a resnet32x4 teacher, an SFTN resnet32x4
# teacher with resnet8x4 branches, and the student distilled from each
# teacher by KD, FitNets, AT, RKD and DKD (stock MMRazor configs; the study
# sets their teacher_ckpt).
pipeline = dict(
    seeds=[0, 1, 2],
    student='configs/teachers/resnet8x4_cifar100.py',
    teacher='configs/teachers/resnet32x4_cifar100.py',
    sftn='configs/sftkd/sftn_resnet32x4_resnet8x4_cifar100.py',
    distill=dict(
        kd='configs/distill/kd_resnet32x4_resnet8x4_cifar100_std.py',
        fitnets='configs/distill/fitnets_resnet32x4_resnet8x4_cifar100_std.py',
        at='configs/distill/at_resnet32x4_resnet8x4_cifar100_std.py',
        rkd='configs/distill/rkd_resnet32x4_resnet8x4_cifar100_std.py',
        dkd='configs/distill/dkd_resnet32x4_resnet8x4_cifar100_std.py'),
    cfg_options=[],
    stage_options=dict(),
    nproc=1,
)
