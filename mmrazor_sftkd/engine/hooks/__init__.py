from .channels_last_hook import ChannelsLastHook
from .class_count_hook import ClassCountHook
from .compute_time_hook import ComputeTimeHook
from .exact_resume_hook import ExactResumeHook
from .finite_loss_hook import FiniteLossHook
from .input_channels_hook import InputChannelsHook
from .teacher_export_hook import TeacherExportHook

__all__ = [
    'ChannelsLastHook', 'ClassCountHook', 'ComputeTimeHook', 'ExactResumeHook',
    'FiniteLossHook', 'InputChannelsHook', 'TeacherExportHook'
]
