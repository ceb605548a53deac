# Runtime shared by every config. MMRazor's scope convention: the default
# scope is MMPretrain's, so MMPretrain's own model, dataset and schedule bases
# drop in; algorithms set _scope_='mmrazor', and this package's loops and hooks
# are named 'mmrazor.<Type>'. Hook types here are mmengine's own.
default_scope = 'mmpretrain'

default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=50),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(
        type='CheckpointHook', interval=1, max_keep_ckpts=2,
        save_best='auto'),
    sampler_seed=dict(type='DistSamplerSeedHook'),
)

env_cfg = dict(
    cudnn_benchmark=False,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    # Without CUDA, mmrazor_sftkd.compat switches nccl to gloo.
    dist_cfg=dict(backend='nccl'),
)

vis_backends = [dict(type='LocalVisBackend')]
visualizer = dict(type='Visualizer', vis_backends=vis_backends)

log_processor = dict(by_epoch=True)
log_level = 'INFO'
load_from = None
resume = False
randomness = dict(seed=0, deterministic=False)

# Registers this package's models and datasets and applies its stack fixes,
# also when the config is run by another tool (mim, mmpretrain's train.py).
custom_imports = dict(imports=['mmrazor_sftkd'], allow_failed_imports=False)
