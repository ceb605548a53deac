"""IE-KD exploration loss: the negative Factor Transfer distance."""
import torch
from mmrazor.models.losses import FTLoss
from mmrazor.registry import MODELS


@MODELS.register_module()
class ExplorationLoss(FTLoss):
    """Push the exploration factor away from the teacher's factor.

    Implements ``L_exp`` of Huang et al., "Revisiting Knowledge
    Distillation: An Inheritance and Exploration Framework" (CVPR 2021,
    arXiv 2107.00181)::

        L_exp = -mean | F_exp / ||F_exp|| - F_T / ||F_T|| |

    with factors flattened per sample and L2-normalised. The inheritance
    loss ``L_inh`` is exactly MMRazor's ``FTLoss`` (``nn.L1Loss`` mean of
    the same normalised factors), which IE-KD configs use as it is; this
    class is that loss with the sign flipped. The value is bounded: for
    unit vectors of dimension ``D`` the mean absolute difference is at most
    ``2 / sqrt(D)``, so ``-loss_weight * 2 / sqrt(D) <= L_exp <= 0``.

    Args:
        loss_weight (float): Weight ``l_exp`` (positive; the sign is in the
            loss). Defaults to 1.0.
        teacher_detach (bool): Detach the target factor. Defaults to True
            (a teacher factor carries no gradient; in IE-DML the other
            peer's factor must not be pushed away by this peer's loss).
    """

    def __init__(self, loss_weight: float = 1.0,
                 teacher_detach: bool = True) -> None:
        super().__init__(loss_weight=loss_weight)
        self.teacher_detach = teacher_detach

    def forward(self, s_feature: torch.Tensor,
                t_feature: torch.Tensor) -> torch.Tensor:
        """``-loss_weight * mean |n(s) - n(t)|``."""
        if self.teacher_detach:
            t_feature = t_feature.detach()
        return -self.loss_weight * self.forward_train(s_feature, t_feature)
