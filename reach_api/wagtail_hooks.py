"""API tokens under Settings in the admin, and the "revoked" entry of their history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import REVOKE_ACTION, ApiTokenViewSet


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet()


@hooks.register("register_log_actions")
def register_revoke_action(actions):
    actions.register_action(REVOKE_ACTION, _("Revoke API token"), _("API token revoked"))
