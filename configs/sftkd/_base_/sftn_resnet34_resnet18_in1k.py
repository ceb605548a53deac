# SFTN stage 1 on ImageNet-1k with MMPretrain's stock models: a ResNet-34
# teacher trained with ResNet-18 branches after its layer1, layer2 and layer3
# (the default attach points), each branch continuing through ResNet-18's own
# later layers, pooling and head. Networks, data and schedule are
# MMPretrain's own configs (see ../../_base_/imagenet_bs32.py). Shared by
# ../sftn_resnet34_resnet18_in1k.py and its fine-tune ablation.
_base_ = [
    '../../_base_/imagenet_bs32.py',
    '../../_base_/models/in1k_resnet34.py',
    '../../_base_/models/in1k_resnet18.py',
]
model = dict(
    _scope_='mmrazor',
    type='SFTN',
    architecture=_base_.resnet34_in1k,
    student=_base_.resnet18_in1k,
    # the dry forward that sizes the branch transforms
    input_size=(224, 224))

val_cfg = dict(_delete_=True, type='mmrazor.MultiModelValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
# Writes epoch_N_teacher.pth next to every epoch_N.pth.
custom_hooks = [dict(type='mmrazor.TeacherExportHook')]
