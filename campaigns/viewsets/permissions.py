"""What every campaigns viewset shares: all four model permissions registered."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

ANY_PERMISSION = ["add", "change", "delete", "view"]


class RegisterAllPermissionsMixin:
    def get_permissions_to_register(self):
        # All four, "view" included: a view-only user can list links and print posters.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model)
        )
