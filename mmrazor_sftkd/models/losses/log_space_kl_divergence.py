"""KL divergence that stays finite when gradients reach the teacher."""
import torch
import torch.nn.functional as F
from mmrazor.models.losses import KLDivergence
from mmrazor.registry import MODELS


@MODELS.register_module()
class LogSpaceKLDivergence(KLDivergence):
    """MMRazor's ``KLDivergence``, computed from log-probabilities.

    ``tau^2 * KL(softmax(preds_T / tau) || softmax(preds_S / tau))``, as in
    Hinton et al. (2015), with the same arguments as
    :class:`mmrazor.models.losses.KLDivergence`. What it adds: MMRazor's
    version feeds ``softmax(preds_T)`` to ``F.kl_div``, whose gradient with
    respect to the teacher is NaN once a teacher probability underflows to 0
    (logit gaps above ~100 in float32). With ``teacher_detach=True`` that
    gradient is never used; SFTN (Park et al., NeurIPS 2021) trains the
    teacher through this loss, where it turned whole runs into NaN. Here
    both sides are log-softmaxed (``log_target=True``), which has the same
    value and a finite gradient.

    Both sides are computed in float32 whatever the logits' dtype: under
    mixed precision (fp16 or bf16 logits, or autocast on a CPU, which keeps
    ``log_softmax`` in the input's dtype) the log-probabilities of large
    logits lose their precision, and in fp16 the batch sum overflows to
    ``inf`` (a logit gap of 1e4 already does).

    Args:
        tau (float): Temperature. Defaults to 1.0.
        reduction (str): ``'none'``, ``'batchmean'``, ``'sum'`` or
            ``'mean'``. Defaults to ``'batchmean'``.
        loss_weight (float): Weight of the loss. Defaults to 1.0.
        teacher_detach (bool): Detach the teacher's logits. Defaults to True.
    """

    def forward(self, preds_S: torch.Tensor,
                preds_T: torch.Tensor) -> torch.Tensor:
        """Weighted ``tau^2 * KL(p_T || p_S)`` of two logit tensors."""
        if self.teacher_detach:
            preds_T = preds_T.detach()
        log_p_T = F.log_softmax(preds_T.float() / self.tau, dim=1)
        log_p_S = F.log_softmax(preds_S.float() / self.tau, dim=1)
        loss = (self.tau**2) * F.kl_div(
            log_p_S, log_p_T, reduction=self.reduction, log_target=True)
        return self.loss_weight * loss
