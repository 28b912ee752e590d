from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Admin bits every app shares: the role names and the one "no access" page.

    A bottom layer: it imports no other app of the project, and every app may import it.
    It has no models.
    """

    name = "staff"
    verbose_name = _("Staff")
