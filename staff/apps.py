from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Admin bits every app shares: the role names and the one "no access" page.

    A bottom layer: it imports no other app of the project, and every app may import it.
    It has no models.
    """

    name = "staff"
