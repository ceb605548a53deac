"""IE-DML: deep mutual learning with inheritance and exploration."""
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModel, is_model_wrapper
from mmengine.optim import OptimWrapperDict
from mmpretrain.structures import DataSample
from mmrazor.models.task_modules.recorder import RecorderManager
from mmrazor.registry import MODELS

from mmrazor_sftkd.models.losses import head_loss
from mmrazor_sftkd.structures import logits_to_predictions
from mmrazor_sftkd.utils.exceptions import ConfigError
from mmrazor_sftkd.utils.joint_update import joint_update_params

PEER_KEYS = ('model', 'feature', 'auto_encoder', 'inherit', 'explore')


def _build(cfg: Union[Dict, List[Dict]]) -> nn.Module:
    """A module from a config, or an ``nn.Sequential`` from a list."""
    if isinstance(cfg, (list, tuple)):
        return nn.Sequential(*[MODELS.build(c) for c in cfg])
    return MODELS.build(cfg)


def _unwrap(module: nn.Module) -> nn.Module:
    return module.module if is_model_wrapper(module) else module


class _Peer(nn.Module):
    """One peer of :class:`IEDML`: a classifier and its IE modules.

    Everything that holds this peer's parameters is a child of this module,
    so one optimizer (and, under DDP, one ``MMDistributedDataParallel``
    wrapper) covers exactly this peer, and one forward pass computes every
    output that depends on them.
    """

    def __init__(self, name: str, model: Dict, feature: str,
                 auto_encoder: Dict, inherit: Union[Dict, List[Dict]],
                 explore: Union[Dict, List[Dict]]) -> None:
        super().__init__()
        self.classifier = MODELS.build(model)
        # Recorded outputs must survive the rest of the forward pass.
        for module in self.classifier.modules():
            if hasattr(module, 'inplace'):
                module.inplace = False
        if feature not in dict(self.classifier.named_modules()):
            raise ConfigError(
                f'IEDML: {name}.feature {feature!r} is not a module of the '
                f'{name} classifier (for example backbone.layer3, the last '
                'stage before pooling).')
        self.feature = feature
        self.auto_encoder = MODELS.build(auto_encoder)
        if getattr(self.auto_encoder, 'phase', 'pretrain') != 'pretrain':
            raise ConfigError(
                f'IEDML: {name}.auto_encoder is trained online; give it '
                "phase='pretrain'.")
        self.inherit = _build(inherit)
        self.explore = _build(explore)
        self.recorders = RecorderManager(
            dict(feature=dict(type='ModuleOutputs', source=feature)))
        self.recorders.initialize(self.classifier)

    def forward(self, inputs: torch.Tensor,
                with_factors: bool = True) -> Dict[str, torch.Tensor]:
        """Logits and, with ``with_factors``, the IE factors.

        Returns ``logits``; with factors also ``feature`` (the recorded
        feature, detached), ``factor`` and ``reconstruction`` (this peer's
        auto-encoder on its detached feature), ``inherit`` and ``explore``
        (the two parts of the feature through their encoders, with
        gradients into the classifier).
        """
        with self.recorders:
            logits = self.classifier(inputs, mode='tensor')
        outputs = dict(logits=logits)
        if with_factors:
            feature = self.recorders.get_recorder('feature').get_record_data()
            factor, reconstruction = self.auto_encoder.autoencode(
                feature.detach())
            outputs.update(
                feature=feature.detach(),
                factor=factor,
                reconstruction=reconstruction,
                inherit=self.inherit(feature),
                explore=self.explore(feature))
        return outputs


@MODELS.register_module()
class IEDML(BaseModel):
    """IE-DML: two peers learn from each other (DML + IE-KD).

    Implements the mutual-learning form of Huang et al., "Revisiting
    Knowledge Distillation: An Inheritance and Exploration Framework" (CVPR
    2021, arXiv 2107.00181): deep mutual learning (Zhang et al., CVPR 2018)
    where, in addition, each peer inherits from and explores away from the
    other peer's compact factor. No code was released for it; this is the
    design used here:

    * Each peer ``p`` owns an auto-encoder (:class:`IEAutoEncoder`,
      ``phase='pretrain'``) trained online on its own *detached* feature
      with ``loss_rec``; its encoder's factor ``F_p`` is the knowledge
      ``p`` offers, the analogue of the pre-trained teacher factor of
      IE-KD (no peer is pre-trained, so the extractor is learned along).
      Detaching keeps the reconstruction from shaping the peer itself.
    * Each peer splits its feature into an inheritance and an exploration
      part (``inherit`` / ``explore`` connectors, e.g.
      ``[IEChannelSplit, IEFactorEncoder]``), encoded to the factor shape.
    * Peer ``p``, with ``q`` the other peer, minimises::

        CE(z_p) + loss_kl(z_p, sg(z_q))                  # DML, tau 1
              + loss_inh(F_p^inh, sg(F_q)) + loss_exp(F_p^exp, sg(F_q))
              + loss_rec(R_p(sg(f_p)), sg(f_p))

      ``sg`` = stop-gradient: each loss only reaches its own peer, so the
      other peer is a fixed target within a step (as the detached teacher
      logits of DML). Both peers are updated every step from one forward
      pass of each and one backward pass of the sum.

    One step: data -> :meth:`loss` (each peer: classifier with its
    feature recorder, auto-encoder, inherit/explore connectors; then the
    five losses per peer) -> one backward -> each peer's wrapper steps.

    Each peer has its own optimizer (``OptimWrapperDict`` with keys
    ``peer1`` and ``peer2``, e.g. MMRazor's
    ``SeparateOptimWrapperConstructor``) and may have its own LR schedule
    (``param_scheduler=dict(peer1=[...], peer2=[...])``); the losses of one
    peer never reach the other, so one backward pass serves both
    (:func:`~mmrazor_sftkd.utils.joint_update.joint_update_params`). Under
    DDP use ``model_wrapper_cfg=dict(type='MMSeparateDistributedDataParallel')``:
    each peer is then its own DDP module. Training logs ``peer1.loss_ce``,
    ``peer1.loss_kl``, ``peer1.loss_inh``, ``peer1.loss_exp``,
    ``peer1.loss_rec``, their sum ``peer1.loss`` and the same for
    ``peer2``. :meth:`predict` predicts with peer 1; :meth:`predict_all`
    with both (``MultiModelValLoop`` reports peer 1 under plain metric
    names, peer 2 prefixed ``peer2.``). Checkpoint keys:
    ``peer1.classifier.*`` is a plain classifier, with or without DDP.

    Args:
        peer1 (dict): The first peer, with keys ``model`` (classifier
            config), ``feature`` (recorded module, e.g.
            ``'backbone.layer3'``), ``auto_encoder`` (its online
            auto-encoder), ``inherit`` and ``explore`` (connector config or
            list of them, from the feature to the factor shape).
        peer2 (dict): The second peer, same keys.
        loss_kl (dict): Logit loss ``(preds_S, preds_T)``; DML uses
            ``KLDivergence`` with ``tau=1``.
        loss_inh (dict): Inheritance loss ``(s_feature, t_feature)``, e.g.
            MMRazor's ``FTLoss``.
        loss_exp (dict): Exploration loss ``(s_feature, t_feature)``, e.g.
            :class:`ExplorationLoss` or :class:`CosineExplorationLoss`.
        loss_rec (dict): Reconstruction loss of the auto-encoders
            ``(s_feature, t_feature)``, e.g. MMRazor's ``L1Loss``.
        input_size (Sequence[int]): ``(H, W)`` of the dry forward pass that
            checks at build time that each peer's inheritance, exploration
            and auto-encoder factors have the same shape. Defaults to
            (32, 32).
        data_preprocessor (dict, optional): The data preprocessor. Defaults
            to peer 1's classifier's, as in MMRazor's ``BaseAlgorithm``.
        init_cfg (dict, optional): Initialisation config.
    """

    PEERS = ('peer1', 'peer2')

    def __init__(self,
                 peer1: Dict,
                 peer2: Dict,
                 loss_kl: Dict,
                 loss_inh: Dict,
                 loss_exp: Dict,
                 loss_rec: Dict,
                 input_size: Sequence[int] = (32, 32),
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(data_preprocessor, init_cfg)
        for name, cfg in (('peer1', peer1), ('peer2', peer2)):
            if not isinstance(cfg, dict):
                raise ConfigError(f'IEDML: {name} must be a dict with keys '
                                  f'{list(PEER_KEYS)}, got {type(cfg)}.')
            missing = [k for k in PEER_KEYS if k not in cfg]
            unknown = [k for k in cfg if k not in PEER_KEYS]
            if missing or unknown:
                raise ConfigError(
                    f'IEDML: {name} needs exactly the keys '
                    f'{list(PEER_KEYS)}; missing {missing}, unknown '
                    f'{unknown}.')
        self.peer1 = _Peer('peer1', **peer1)
        self.peer2 = _Peer('peer2', **peer2)
        self.loss_kl = MODELS.build(loss_kl)
        self.loss_inh = MODELS.build(loss_inh)
        self.loss_exp = MODELS.build(loss_exp)
        self.loss_rec = MODELS.build(loss_rec)
        if data_preprocessor is None:
            # As MMRazor's BaseAlgorithm does with its architecture's.
            self.data_preprocessor = self.peer1.classifier.data_preprocessor
        self._check_factor_shapes(input_size)
    def _check_factor_shapes(self, input_size: Sequence[int]) -> None:
        """Dry run: the factors that are compared must have one shape."""
        shapes = {}
        with torch.no_grad():
            for name in self.PEERS:
                peer = getattr(self, name)
                was_training = peer.training
                peer.eval()
                try:
                    out = peer(torch.zeros(2, 3, *input_size))
                finally:
                    peer.train(was_training)
                for key in ('factor', 'inherit', 'explore'):
                    shapes[f'{name}.{key}'] = tuple(out[key].shape[1:])
        for own, other in (('peer1', 'peer2'), ('peer2', 'peer1')):
            for part in ('inherit', 'explore'):
                if shapes[f'{own}.{part}'] != shapes[f'{other}.factor']:
                    raise ConfigError(
                        f'IEDML: {own}.{part} gives factors of shape '
                        f'{shapes[own + "." + part]} but {other}.auto_encoder'
                        f' gives {shapes[other + ".factor"]}; they are '
                        'compared, so match factor_channels (and pick '
                        'features of the same resolution).')

    @property
    def peers(self) -> Dict[str, nn.Module]:
        """The two peers, unwrapped from DDP if wrapped."""
        return OrderedDict(
            (name, _unwrap(getattr(self, name))) for name in self.PEERS)

    def forward(self,
                inputs: torch.Tensor,
                data_samples: Optional[List[DataSample]] = None,
                mode: str = 'tensor'):
        """``'loss'``: every loss; ``'predict'``: peer 1's predictions;
        ``'tensor'``: peer 1's logits."""
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict_all(inputs, data_samples)['peer1']
        if mode == 'tensor':
            return self.peer1(inputs, with_factors=False)['logits']
        raise RuntimeError(f'Invalid mode "{mode}". Only supports loss, '
                           'predict and tensor mode')

    def loss(self, inputs: torch.Tensor,
             data_samples: List[DataSample]) -> Dict[str, torch.Tensor]:
        """Losses of both peers, named ``peerN.loss_*``.

        Each peer's losses depend on its own parameters only (the other
        peer's outputs are detached), so their sum can be back-propagated
        at once or per peer.
        """
        outputs = {name: getattr(self, name)(inputs) for name in self.PEERS}
        losses = {}
        for own, other in (('peer1', 'peer2'), ('peer2', 'peer1')):
            mine, theirs = outputs[own], outputs[other]
            head = self.peers[own].classifier.head
            target_factor = theirs['factor'].detach()
            losses[f'{own}.loss_ce'] = head_loss(head, mine['logits'],
                                                 data_samples)
            losses[f'{own}.loss_kl'] = self.loss_kl(
                mine['logits'], theirs['logits'].detach())
            losses[f'{own}.loss_inh'] = self.loss_inh(mine['inherit'],
                                                      target_factor)
            losses[f'{own}.loss_exp'] = self.loss_exp(mine['explore'],
                                                      target_factor)
            losses[f'{own}.loss_rec'] = self.loss_rec(mine['reconstruction'],
                                                      mine['feature'])
        return losses

    def train_step(self, data: Union[dict, tuple, list],
                   optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        """One step of both peers, each with its own optimizer."""
        if not isinstance(optim_wrapper, OptimWrapperDict) or any(
                name not in optim_wrapper for name in self.PEERS):
            raise ConfigError(
                'IEDML needs one optimizer per peer: optim_wrapper=dict('
                "constructor='mmrazor.SeparateOptimWrapperConstructor', "
                'peer1=dict(optimizer=...), peer2=dict(optimizer=...)).')
        with optim_wrapper['peer1'].optim_context(self.peer1), \
                optim_wrapper['peer2'].optim_context(self.peer2):
            data = self.data_preprocessor(data, True)
            losses = self._run_forward(data, mode='loss')
        loss, log_vars = self.parse_losses(losses)
        for name in self.PEERS:
            log_vars[f'{name}.loss'] = sum(
                value for key, value in log_vars.items()
                if key.startswith(f'{name}.loss_'))
        joint_update_params([optim_wrapper[name] for name in self.PEERS],
                            loss)
        return log_vars

    def predict_all(self, inputs: torch.Tensor,
                    data_samples: Optional[List[DataSample]] = None
                    ) -> Dict[str, List[DataSample]]:
        """Predictions of each peer, keyed ``'peer1'`` and ``'peer2'``."""
        return OrderedDict(
            (name,
             logits_to_predictions(
                 getattr(self, name)(inputs, with_factors=False)['logits'],
                 data_samples)) for name in self.PEERS)
