"""The rest of a classifier's forward after one of its modules, as a module.

SFTN's student branches continue a student network from a point in the middle
(Park et al., NeurIPS 2021). Cutting a backbone by hand only works for
backbones written for it; here the student's own ``backbone -> neck -> head``
is traced with ``torch.fx``, the output of the attach module becomes the
input, and everything the output no longer depends on is dropped. What the
backbone does between and after its stages (downsample layers, final norms,
``out_indices``) is kept, and nothing before the attach point is recomputed.
"""
from typing import List

import torch
import torch.fx as fx
import torch.nn as nn

from mmrazor_sftkd.utils.exceptions import ConfigError


class _ClassifierLogits(nn.Module):
    """``head(neck(backbone(x)))`` of a classifier, under the same names."""

    def __init__(self, classifier: nn.Module):
        super().__init__()
        self.backbone = classifier.backbone
        if getattr(classifier, 'neck', None) is not None:
            self.neck = classifier.neck
        self.head = classifier.head

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        feats = self.backbone(inputs)
        if 'neck' in self._modules:
            feats = self.neck(feats)
        return self.head(feats)


class _TailTracer(fx.Tracer):
    """Traces into the attach point's parent modules only.

    Every other module (blocks, the neck, the head) stays one opaque call,
    so their code never needs to be traceable, and the tail's ``head`` is
    the student's own head object, with its loss.
    """

    def __init__(self, attach: str):
        super().__init__()
        self.attach = attach

    def is_leaf_module(self, module: nn.Module, qualname: str) -> bool:
        if qualname == self.attach:
            return True
        return not self.attach.startswith(qualname + '.')


def _trace(root: nn.Module, attach: str, where: str) -> fx.GraphModule:
    try:
        graph = _TailTracer(attach).trace(root)
    except Exception as error:  # fx raises many kinds for untraceable code
        raise ConfigError(
            f'{where}: cannot trace the student classifier to continue it '
            f'after {attach!r} ({type(error).__name__}: {error}). Attach to '
            'a module that its parent calls directly.') from error
    return fx.GraphModule(root, graph, class_name='StudentTail')


def build_student_tail(classifier: nn.Module,
                       attach: str,
                       where: str = 'student tail') -> fx.GraphModule:
    """The logits of ``classifier`` as a function of module ``attach``'s output.

    Args:
        classifier (nn.Module): An mmpretrain ``ImageClassifier`` (anything
            with ``backbone``, optional ``neck`` and ``head``).
        attach (str): Module path inside ``classifier``, for example
            ``'backbone.layer2'`` or ``'backbone.stages.1'``.
        where (str): Name used in error messages.

    Returns:
        fx.GraphModule: ``tail(feature) -> logits``. Its submodules are the
        classifier's own module objects under their original names (shared,
        not copied); the modules before ``attach`` are not in it.

    Raises:
        ConfigError: If ``attach`` is not called exactly once by the traced
            forward, if the logits still need modules before it (for
            example an ``out_indices`` entry before the attach point), or if
            no backbone module is left after it.
    """
    root = _ClassifierLogits(classifier)
    tail = _trace(root, attach, where)
    graph = tail.graph
    calls = [n for n in graph.nodes
             if n.op == 'call_module' and n.target == attach]
    if len(calls) != 1:
        called = [n.target for n in graph.nodes if n.op == 'call_module'
                  and n.target.startswith('backbone.')]
        raise ConfigError(
            f'{where}: the student forward calls {attach!r} '
            f'{len(calls)} times; attach to a module called exactly once, '
            f'for example one of {called}.')
    (inputs, ) = [n for n in graph.nodes if n.op == 'placeholder']
    with graph.inserting_after(inputs):
        feature = graph.placeholder('feature')
    calls[0].replace_all_uses_with(feature)
    graph.erase_node(calls[0])
    graph.eliminate_dead_code()
    if inputs.users:
        needs = [str(n.target) for n in _before(graph, feature)]
        raise ConfigError(
            f'{where}: the student logits also depend on modules before '
            f'{attach!r} ({needs}), for example through out_indices; '
            'a branch would have to recompute them. Use out_indices with '
            'the last stage only, or attach later.')
    graph.erase_node(inputs)
    later = [n.target for n in graph.nodes if n.op == 'call_module'
             and n.target.startswith('backbone.')]
    if not later:
        raise ConfigError(
            f'{where}: no student backbone module runs after {attach!r}, so '
            'the branch would have no student stages. Attach to an earlier '
            'student module.')
    tail.delete_all_unused_submodules()
    tail.recompile()
    return tail


def _before(graph: fx.Graph, feature: fx.Node) -> List[fx.Node]:
    """Module calls that do not depend on ``feature`` (the recomputed part)."""
    downstream = {feature}
    for node in graph.nodes:
        if any(arg in downstream for arg in node.all_input_nodes):
            downstream.add(node)
    return [n for n in graph.nodes
            if n.op == 'call_module' and n not in downstream]


def output_shape(output, name: str, where: str) -> tuple:
    """``(C, H, W)`` of a recorded module output, or a ConfigError."""
    if not isinstance(output, torch.Tensor):
        raise ConfigError(
            f'{where}: {name!r} returns a {type(output).__name__}, not a '
            'tensor; attach to a module that returns one feature map.')
    if output.dim() != 4:
        raise ConfigError(
            f'{where}: {name!r} returns a feature of shape '
            f'{tuple(output.shape)}, not (N, C, H, W). Token features (ViT, '
            'Swin) have no spatial map that a conv transform can take; '
            'attach to a convolutional module.')
    return tuple(output.shape[1:])

