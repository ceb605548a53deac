"""Student branch of an SFTN teacher (Park et al., NeurIPS 2021)."""
from collections import OrderedDict
from typing import Optional, Sequence

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmrazor.registry import MODELS

from mmrazor_sftkd.utils.exceptions import ConfigError


def build_stage_transform(in_shape: Sequence[int],
                          out_shape: Sequence[int],
                          kernel_size: int = 3,
                          where: str = 'transform') -> nn.Sequential:
    """conv -> BN -> ReLU mapping a teacher feature onto a student's.

    The channels come from the two shapes; a larger input resolution is
    reduced by the conv's stride, a smaller one is first upsampled (nearest)
    by the integer factor.

    Args:
        in_shape (Sequence[int]): ``(C, H, W)`` of the teacher feature.
        out_shape (Sequence[int]): ``(C, H, W)`` the student stage expects.
        kernel_size (int): Odd kernel size of the conv. Defaults to 3.
        where (str): Name used in error messages.

    Returns:
        nn.Sequential: ``[upsample,] conv, bn, relu``.
    """
    (c_in, h_in, w_in), (c_out, h_out, w_out) = in_shape, out_shape
    if kernel_size % 2 != 1:
        raise ConfigError(f'{where}: kernel_size must be odd, got '
                          f'{kernel_size}.')
    layers = OrderedDict()
    stride = 1
    if (h_in, w_in) != (h_out, w_out):
        if h_in % h_out == 0 and w_in % w_out == 0 and \
                h_in // h_out == w_in // w_out:
            stride = h_in // h_out
        elif h_out % h_in == 0 and w_out % w_in == 0 and \
                h_out // h_in == w_out // w_in:
            layers['upsample'] = nn.Upsample(
                scale_factor=h_out // h_in, mode='nearest')
        else:
            raise ConfigError(
                f'{where}: cannot map a teacher feature of spatial size '
                f'{h_in}x{w_in} onto a student stage input of {h_out}x'
                f'{w_out}: the sizes are not related by an integer factor. '
                'Choose other attach_points.')
    layers['conv'] = nn.Conv2d(
        c_in,
        c_out,
        kernel_size,
        stride=stride,
        padding=kernel_size // 2,
        bias=False)
    layers['bn'] = nn.BatchNorm2d(c_out)
    layers['relu'] = nn.ReLU()
    return nn.Sequential(layers)


@MODELS.register_module()
class StudentBranch(BaseModule):
    """Transform, then the rest of the student's own forward.

    Branch ``i`` of an SFTN teacher (Park et al., "Learning Student-Friendly
    Teacher Networks for Knowledge Distillation", NeurIPS 2021): it takes the
    output of a teacher module, maps it with a conv-BN-ReLU transform onto
    the output of a student module, and continues through everything the
    student classifier does after that module (see
    :func:`build_student_tail`) to produce logits. Used only while training
    the teacher; it is thrown away afterwards.

    Args:
        transform (nn.Module): Maps the teacher feature to the student's.
        tail (nn.Module): The student's forward after its attach point,
            ``tail(feature) -> logits``; its modules keep the student
            classifier's names (``backbone.*``, ``neck.*``, ``head.*``).
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 transform: nn.Module,
                 tail: nn.Module,
                 init_cfg: Optional[dict] = None):
        super().__init__(init_cfg)
        self.transform = transform
        self.tail = tail

    @property
    def head(self) -> nn.Module:
        """The student's classification head (owns the loss)."""
        return self.tail.head

    def forward(self, feature: torch.Tensor) -> torch.Tensor:
        """Logits of the branch for one teacher feature."""
        return self.tail(self.transform(feature))
