# MMPretrain's own ImageNet-1k ResNet-34 config, built as it is (layer1 64@56,
# layer2 128@28, layer3 256@14, layer4 512@7 at 224x224).
resnet34_in1k = dict(
    cfg_path='mmpretrain::resnet/resnet34_8xb32_in1k.py', pretrained=False)
