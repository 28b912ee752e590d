"""Campaign models: campaigns and reach (reach.py), offline events and partner figures
(offline.py)."""

from .offline import ChannelFigure, FigureMetric, ImportBatch, OfflineEvent, OfflineFormat
from .reach import (
    BEACON_EVENT_TYPES,
    CODE_PATTERN,
    TAG_CHANNEL,
    Campaign,
    CampaignReachFigure,
    CampaignReachTally,
    CampaignVisitor,
    CampaignVisitorTouch,
    Channel,
    DailyLearningRollup,
    DailyRollup,
    DailyScenarioRollup,
    DailyTagRollup,
    DroppedEvent,
    EventType,
    MonthlyRollup,
    MonthlyScenarioRollup,
    ReachEvent,
    ReachEventId,
    RollupState,
    TrackingLink,
    VisitorSalt,
    new_link_code,
)

__all__ = [
    "BEACON_EVENT_TYPES", "CODE_PATTERN", "Campaign", "CampaignReachFigure",
    "CampaignReachTally", "CampaignVisitor", "CampaignVisitorTouch", "Channel", "ChannelFigure",
    "DailyLearningRollup", "DailyRollup", "DailyScenarioRollup", "DailyTagRollup", "TAG_CHANNEL",
    "DroppedEvent", "EventType", "FigureMetric", "ImportBatch", "MonthlyRollup",
    "MonthlyScenarioRollup", "OfflineEvent", "OfflineFormat",
    "ReachEvent", "ReachEventId", "RollupState", "TrackingLink", "VisitorSalt", "new_link_code",
]
