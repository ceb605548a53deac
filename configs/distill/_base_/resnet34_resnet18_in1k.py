# Shared by configs/distill/*_resnet34_resnet18_in1k_*.py: the stock MMRazor
# SingleTeacherDistill on ImageNet-1k with MMPretrain's own ResNet-34 teacher
# and ResNet-18 student configs (the layout of MMRazor's own ImageNet
# distillation configs). Each method config adds the teacher checkpoint and
# the distiller.
#
# Stage outputs at 224x224 (channels@resolution), both networks:
#   layer1 64@56, layer2 128@28, layer3 256@14, layer4 512@7
_base_ = ['../../_base_/imagenet_bs32.py']

model = dict(
    _scope_='mmrazor',
    type='SingleTeacherDistill',
    architecture=dict(
        cfg_path='mmpretrain::resnet/resnet18_8xb32_in1k.py',
        pretrained=False),
    teacher=dict(
        cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py',
        pretrained=False))

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
