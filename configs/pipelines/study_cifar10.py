# The study of all three methods on real images: CIFAR-10 as a folder of
# images per class (configs/_base_/datasets/cifar10_folder_bs64.py; put the
# train/ and test/ folders under data/cifar10_folder, or set data_root).
#   python tools/run_pipeline.py configs/pipelines/study_cifar10.py
# Per seed, resnet20 teacher -> resnet8 student (the digits configs' stage
# recipes with the networks, data and schedule below):
#   student alone, standard teacher, SFTN teacher (resnet8 branches),
#   KD and AT from each teacher, the IE-KD auto-encoder and IE+KD,
#   CTKD (the standard teacher as expert, a resnet20 scratch teacher),
#   DML and IE-DML (two resnet8 peers).
# Every stage validates on the 5,000 held-out training images and is then
# tested on test/ (10,000 images); results.md gives mean ± std over seeds,
# per-seed values, paired differences and teacher-student agreement.
data_root = 'data/cifar10_folder'
epochs = 10  # every student, and CTKD's scratch teacher, which trains with it
milestones = [6, 8]
# The standard and SFTN teachers are trained beforehand, as in every KD
# recipe, and for twice as long: a well-trained teacher is what KD needs.
teacher_epochs = 20
teacher_milestones = [12, 16]
# A 5,000-image training subset (500 per class), the same each run: the
# size at which the whole study, 3 seeds, fits in about two hours on a
# 2-core machine (two runners side by side, one thread each).
train_per_class = 500

teacher = 'resnet20'
student = 'resnet8'


# IE-DML's IE weight (inheritance and exploration, each), chosen on the
# validation split by configs/pipelines/search_cifar10.py: the digits
# config's 500 breaks mutual learning at this scale.
iedml_ie_weight = 20


def on(*keys, arch):
    return [f'{key}.backbone.arch={arch}' for key in keys]


def ie(weight):
    return [
        f'model.loss_inh.loss_weight={weight}',
        f'model.loss_exp.loss_weight={weight}'
    ]


def schedule(epochs, milestones):
    return [
        f'train_cfg.max_epochs={epochs}',
        f'param_scheduler.1.milestones={milestones}',
        f'param_scheduler.1.end={epochs}'
    ]


steps = schedule(epochs, milestones)
teacher_steps = schedule(teacher_epochs, teacher_milestones)
peer_steps = [
    f'param_scheduler.{peer}.0.milestones={milestones}'
    for peer in ('peer1', 'peer2')
]
distill = on('model.teacher', arch=teacher) + on(
    'model.architecture', arch=student) + steps
# Mutual learning between two students: DML's own setting, and half the
# cost of a student-teacher pair.
iedml = on('model.peer1.model', 'model.peer2.model', arch=student) + [
    f'train_cfg.max_epochs={epochs}'
] + peer_steps

pipeline = dict(
    seeds=[0, 1, 2],
    data='configs/_base_/datasets/cifar10_folder_bs64.py',
    cfg_options=[
        'train_cfg.val_interval=1',
        'default_hooks.logger.interval=15',
        f'train_dataloader.dataset.train_per_class={train_per_class}',
        f'train_dataloader.dataset.data_root={data_root}',
        f'val_dataloader.dataset.data_root={data_root}',
        f'test_dataloader.dataset.data_root={data_root}',
    ],
    stages=dict(
        student=dict(
            config='configs/teachers/resnet20_digits.py',
            options=on('model', arch=student) + steps),
        teacher=dict(
            config='configs/teachers/resnet20_digits.py',
            options=on('model', arch=teacher) + teacher_steps),
        sftn=dict(
            config='configs/sftkd/sftn_resnet56_resnet20_digits.py',
            options=on('model.architecture', arch=teacher) +
            on('model.student', arch=student) + teacher_steps),
        kd_std=dict(
            config='configs/distill/kd_resnet56_resnet20_digits.py',
            options=distill,
            inputs={'model.teacher_ckpt': 'teacher'}),
        kd_sftn=dict(
            config='configs/distill/kd_resnet56_resnet20_digits.py',
            options=distill,
            inputs={'model.teacher_ckpt': 'sftn'}),
        at_std=dict(
            config='configs/distill/at_resnet56_resnet20_digits.py',
            options=distill,
            inputs={'model.teacher_ckpt': 'teacher'}),
        at_sftn=dict(
            config='configs/distill/at_resnet56_resnet20_digits.py',
            options=distill,
            inputs={'model.teacher_ckpt': 'sftn'}),
        ae=dict(
            config='configs/iekd/ae_resnet56_digits.py',
            options=on('model.teacher', arch=teacher) +
            on('model.architecture', arch=student),
            inputs={'model.teacher_ckpt': 'teacher'}),
        iekd=dict(
            config='configs/iekd/iekd_resnet56_resnet20_digits.py',
            options=distill,
            inputs={
                'model.teacher_ckpt': 'teacher',
                'model.distiller.init_cfg.checkpoint': 'ae'
            }),
        ctkd=dict(
            config='configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py',
            options=on('model.teacher', 'model.scratch_teacher', arch=teacher)
            + on('model.architecture', arch=student) + steps,
            inputs={'model.teacher_ckpt': 'teacher'}),
        dml=dict(
            config='configs/iekd/iedml_resnet56_resnet20_digits.py',
            options=iedml + ie(0)),
        iedml=dict(
            config='configs/iekd/iedml_resnet56_resnet20_digits.py',
            options=iedml + ie(iedml_ie_weight)),
    ),
    compare=[
        ('kd_std', 'student'),
        ('kd_sftn', 'kd_std'),
        ('at_sftn', 'at_std'),
        ('iekd', 'kd_std'),
        ('ctkd', 'student'),
        ('ctkd', 'kd_std'),
        ('iedml', 'dml'),
    ],
    follow=[('kd_std', 'teacher'), ('kd_sftn', 'sftn'), ('at_std', 'teacher'),
            ('at_sftn', 'sftn'), ('iekd', 'teacher')],
    nproc=1,
)
del on, ie, schedule
