from .index import HomeFeaturedLesson, HomePage, LessonIndexPage
from .info import InfoPage
from .lessons import (
    CaseStudy,
    ComicLesson,
    ComicPanel,
    LessonFormat,
    LessonPage,
    RelatedLesson,
    TaggedLesson,
    VideoCaptionTrack,
    VideoLesson,
)
from .scenario import Channel, RedFlag, ScamScenario
from .site_settings import ReportScamBox
from .taxonomy import AudienceSegment, ScamType, Series

__all__ = [
    "AudienceSegment",
    "CaseStudy",
    "Channel",
    "ComicLesson",
    "ComicPanel",
    "HomeFeaturedLesson",
    "HomePage",
    "InfoPage",
    "LessonFormat",
    "LessonIndexPage",
    "LessonPage",
    "RedFlag",
    "RelatedLesson",
    "ReportScamBox",
    "ScamScenario",
    "ScamType",
    "Series",
    "TaggedLesson",
    "VideoCaptionTrack",
    "VideoLesson",
]
