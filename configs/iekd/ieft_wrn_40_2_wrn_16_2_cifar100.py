# IE + FT (Huang et al., CVPR 2021; Kim et al., NeurIPS 2018), CIFAR-100,
# wrn_40_2 -> wrn_16_2: the IE terms plus ./_base_/ieft.py
# (Translator 128 -> 32).
# Needs the checkpoints named in ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
# Run: python tools/train.py configs/iekd/ieft_wrn_40_2_wrn_16_2_cifar100.py
_base_ = [
    './_base_/cifar100.py',
    './_base_/ieft.py',
    './_base_/ie_wrn_40_2_wrn_16_2_cifar100.py',
]
# The student's feature has 128 channels.
distiller = _base_.ie_model.distiller
model = dict(
    _base_.ie_model,
    distiller=dict(
        distiller,
        connectors=dict(
            distiller.connectors,
            ft_sfeat=dict(
                type='Translator', in_channel=128,
                out_channel=_base_.factor_channels))))
del distiller
