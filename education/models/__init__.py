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
from .page_cache import PageCacheGeneration
from .scenario import RedFlag, ScamChannel, ScamScenario
from .site_settings import ReportScamBox
from .taxonomy import AudienceSegment, ScamType, Series

__all__ = [
    "AudienceSegment",
    "CaseStudy",
    "ComicLesson",
    "ComicPanel",
    "HomeFeaturedLesson",
    "HomePage",
    "InfoPage",
    "LessonFormat",
    "LessonIndexPage",
    "LessonPage",
    "PageCacheGeneration",
    "RedFlag",
    "RelatedLesson",
    "ReportScamBox",
    "ScamChannel",
    "ScamScenario",
    "ScamType",
    "Series",
    "TaggedLesson",
    "VideoCaptionTrack",
    "VideoLesson",
]
