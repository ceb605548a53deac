# SFTN stage 1 on ImageNet-1k with MMPretrain's stock models: a ResNet-34
# teacher trained with ResNet-18 branches after its layer1, layer2 and layer3
# (the default attach points), each branch continuing through ResNet-18's own
# later layers, pooling and head. Networks, data and schedule are
# MMPretrain's own configs (see ../_base_/imagenet_bs32.py).
#
# python tools/train.py configs/sftkd/sftn_resnet34_resnet18_in1k.py
# (8 GPUs: tools/dist_train.sh configs/sftkd/sftn_resnet34_resnet18_in1k.py 8)
# -> work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth, a plain
#    ResNet-34 state_dict that configs/distill/*_resnet34_resnet18_in1k_sftn.py
#    load as teacher_ckpt.
_base_ = ['../_base_/imagenet_bs32.py']

model = dict(
    _scope_='mmrazor',
    type='SFTN',
    architecture=dict(
        cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py',
        pretrained=False),
    student=dict(
        cfg_path='mmpretrain::resnet/resnet18_8xb32_in1k.py',
        pretrained=False),
    # the dry forward that sizes the branch transforms
    input_size=(224, 224))

val_cfg = dict(_delete_=True, type='mmrazor.SFTNValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
# Writes epoch_N_teacher.pth next to every epoch_N.pth.
custom_hooks = [dict(type='mmrazor.TeacherExportHook')]
