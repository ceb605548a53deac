# The SFTN paper's fine-tune ablation on ImageNet-1k: start the ResNet-34
# teacher from trained weights and train it with ResNet-18 branches for a
# short schedule at a small learning rate.
#
# Needs a trained ResNet-34, either
#   python tools/train.py configs/teachers/resnet34_in1k.py
#     (then teacher_ckpt=work_dirs/resnet34_in1k/epoch_100.pth), or
#   MMPretrain's model zoo weights for resnet34_8xb32_in1k (73.62 top-1
#     there; the address is in MMPretrain's configs/resnet/metafile.yml),
#     saved as checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth.
#   The file is read with weights_only=True.
# python tools/train.py configs/sftkd/sftn_finetune_resnet34_resnet18_in1k.py \
#     --cfg-options model.teacher_ckpt=PATH
_base_ = ['./_base_/sftn_resnet34_resnet18_in1k.py']
model = dict(
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth')

# 10 epochs at the base schedule's last two learning rates.
optim_wrapper = dict(optimizer=dict(lr=0.01))
param_scheduler = dict(milestones=[5])
train_cfg = dict(max_epochs=10)
