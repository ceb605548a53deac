# SFTN stage 1 (Park et al., student-friendly teacher networks): the teacher
# (`architecture`) trained with branches that run the student's later stages
# from the teacher's features. Configs set both networks.
model = dict(
    _scope_='mmrazor',
    type='SFTN',
    # None: a branch after every teacher stage but the last, paired in order.
    attach_points=None,
    input_size=(32, 32),
    transform_kernel_size=3,
    # l_CE = 1, l_KL = 3, tau = 1: the defaults of the one public SFTN
    # reimplementation; l_T is the teacher head's loss_weight. The paper's
    # formula sums over branches.
    branch_ce_weight=1.0,
    loss_branch_kl=dict(
        type='LogSpaceKLDivergence',
        tau=1.0,
        loss_weight=3.0,
        teacher_detach=False),
    branch_reduction='sum')
