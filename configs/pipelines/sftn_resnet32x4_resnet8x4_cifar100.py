# The SFTN study on CIFAR-100 (data in data/cifar100), the CRD recipe:
#   python tools/run_pipeline.py configs/pipelines/sftn_resnet32x4_resnet8x4_cifar100.py --nproc 4
# Per seed: resnet8x4 alone, a resnet32x4 teacher, an SFTN resnet32x4
# teacher with resnet8x4 branches, and the student distilled from each
# teacher by KD, FitNets, AT, RKD and DKD (stock MMRazor configs; the study
# sets their teacher_ckpt).
methods = ('kd', 'fitnets', 'at', 'rkd', 'dkd')
teachers = dict(std='teacher', sftn='sftn')

pipeline = dict(
    seeds=[0, 1, 2],
    stages=dict(
        student=dict(config='configs/teachers/resnet8x4_cifar100.py'),
        teacher=dict(config='configs/teachers/resnet32x4_cifar100.py'),
        sftn=dict(
            config='configs/sftkd/sftn_resnet32x4_resnet8x4_cifar100.py'),
        **{
            f'{method}_{kind}': dict(
                config=f'configs/distill/{method}_resnet32x4_resnet8x4_'
                'cifar100_std.py',
                inputs={'model.teacher_ckpt': teacher})
            for method in methods for kind, teacher in teachers.items()
        }),
    compare=[(f'{method}_sftn', f'{method}_std') for method in methods],
    follow=[('kd_std', 'teacher'), ('kd_sftn', 'sftn')],
    nproc=1,
)
del methods, teachers
