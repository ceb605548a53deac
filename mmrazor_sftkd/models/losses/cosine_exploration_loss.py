"""IE-KD exploration loss, cosine variant: push factors to orthogonality."""
import torch
from mmrazor.models.losses import FTLoss
from mmrazor.registry import MODELS


@MODELS.register_module()
class CosineExplorationLoss(FTLoss):
    """Mean absolute cosine between the exploration and teacher factors.

    The cosine variant of the exploration loss of Huang et al., "Revisiting
    Knowledge Distillation: An Inheritance and Exploration Framework" (CVPR
    2021, arXiv 2107.00181), as offered by the released code::

        L_exp_cos = mean_n | <F_exp,n / ||F_exp,n||, F_T,n / ||F_T,n||> |

    Factors are flattened per sample and L2-normalised exactly as in
    MMRazor's ``FTLoss`` (whose ``factor`` it reuses). Minimising it pushes
    the two factors towards orthogonality rather than apart; it lies in
    ``[0, loss_weight]``.

    Args:
        loss_weight (float): Weight of the loss. Defaults to 1.0.
        teacher_detach (bool): Detach the target factor. Defaults to True.
    """

    def __init__(self, loss_weight: float = 1.0,
                 teacher_detach: bool = True) -> None:
        super().__init__(loss_weight=loss_weight)
        self.teacher_detach = teacher_detach

    def forward_train(self, s_feature: torch.Tensor,
                      t_feature: torch.Tensor) -> torch.Tensor:
        """Mean over the batch of ``|cos(s_n, t_n)|``."""
        if self.teacher_detach:
            t_feature = t_feature.detach()
        cosine = (self.factor(s_feature) * self.factor(t_feature)).sum(dim=1)
        return cosine.abs().mean()
