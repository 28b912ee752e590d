from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Consumer-protection review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # In ready(), not at the top: both import models, which cannot load while the app
        # registry is still being filled.
        from . import signals  # noqa: F401  (purges the page cache when a scam alert changes)
        from .media_permissions import register_media_permission_policies

        register_media_permission_policies()  # only those given "delete" delete media
