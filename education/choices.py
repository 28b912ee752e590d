"""Choices the lesson models, the library's filters and the reports share.

Pure: no model and nothing else of the project, so any layer may import it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonFormat(models.TextChoices):
    VIDEO = "video", _("Video")
    COMIC = "comic", _("Comic")
    SCENARIO = "scenario", _("Scenario")
    CASE = "case", _("Case study")
    SPOT = "spot", _("Spot the scam")
