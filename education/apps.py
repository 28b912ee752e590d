from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = _("Lessons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from page_cache import cdn_signals

        from . import signals  # noqa: F401  (purges the anonymous page cache)

        cdn_signals.connect()  # CDN purges; moves to page_cache's AppConfig.ready() at merge
        from .localization import remember_locales
        from .routing import remember_sites

        remember_locales()
        remember_sites()
