from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachApiConfig(AppConfig):
    name = "reach_api"
    verbose_name = _("Reach API")
    default_auto_field = "django.db.models.BigAutoField"
