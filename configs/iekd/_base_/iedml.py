# IE-DML (Huang et al., CVPR 2021): two peers trained together from scratch by
# deep mutual learning (KL between their logits at tau 1, each learning from
# the other's detached logits) plus inheritance and exploration between their
# factors, with the IE connectors and weights of ./ie.py (see IEDML's
# docstring). Each peer is dict(peer, model=<its classifier>): its
# backbone.layer3 (64@8) is split 50/50, each half encoded to k = 32
# channels, and its own IEAutoEncoder, trained online on its detached feature
# (mean absolute reconstruction error), gives the factor the other peer
# inherits from (FTLoss) and explores away from (ExplorationLoss).
_base_ = ['./ie.py']

peer = dict(
    feature='backbone.layer3',
    auto_encoder=dict(_base_.ie_distiller.connectors.ie_teacher_ae,
                      phase='pretrain'),
    inherit=_base_.ie_distiller.connectors.ie_inherit,
    explore=_base_.ie_distiller.connectors.ie_explore)

model = dict(
    _scope_='mmrazor',
    type='IEDML',
    loss_kl=dict(type='KLDivergence', tau=1, loss_weight=1.0),
    loss_inh=dict(type='FTLoss', loss_weight=_base_.ie_weight),
    loss_exp=dict(type='ExplorationLoss', loss_weight=_base_.ie_weight),
    loss_rec=dict(type='L1Loss', loss_weight=1.0))
