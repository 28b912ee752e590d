"""Every model of the education app, importable from one place.

The page models live here (``lessons``, ``scenario``, ``spot``, ``index``, ``info``) with the site
settings; the terms (``education.taxonomy``) and choices (``education.choices``) live below
the page models and are re-exported. Modules below the page models import those lower
modules directly, never this package (see the layers in pyproject.toml).
"""

from ..choices import LessonFormat
from ..taxonomy import AudienceSegment, ScamType, Series, TaggedLesson
from .index import HomeFeaturedLesson, HomePage, LessonIndexPage
from .info import InfoPage
from .lessons import (
    CaseStudy,
    ComicLesson,
    ComicPanel,
    LessonPage,
    RelatedLesson,
    VideoCaptionTrack,
    VideoLesson,
)
from .scenario import RedFlag, ScamChannel, ScamScenario
from .site_settings import ReportScamBox
from .spot import SpotTheScamLesson

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
    "RedFlag",
    "RelatedLesson",
    "ReportScamBox",
    "ScamChannel",
    "ScamScenario",
    "ScamType",
    "Series",
    "SpotTheScamLesson",
    "TaggedLesson",
    "VideoCaptionTrack",
    "VideoLesson",
]
