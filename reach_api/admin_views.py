"""API tokens in the admin (Settings → API tokens), for Administrators: the list, creating a
token (its secret shown once, on the page that answers the form: never stored, never shown
again) and revoking one (confirmed with a POST). There is no edit and no delete: a token's
row stays, revoked, with who revoked it and when.

Each view checks the model permission first and answers staff's 403 page without it (the
"Administrators" group holds add/change/view, granted by migration 0002; superusers hold all).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from staff.views import admin_forbidden

from .models import ApiToken

REVOKE_ACTION = "reach_api.revoke"


def can(user, action):
    """Whether the user holds the token permission for ``action`` (add, change, view)."""
    return user.has_perm(f"reach_api.{action}_apitoken")


def forbidden(request):
    return admin_forbidden(request, gettext("No access to API tokens"), gettext(
        "API tokens give programs access to the reach figures, so only administrators may "
        "see, create or revoke them. Ask an administrator if you need a token."
    ))


class TokenPermissionMixin:
    """Refuse (staff's 403 page) before anything is looked up without the permission."""

    token_permission = "view"

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.token_permission):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class TokenIndexView(TokenPermissionMixin, generic.IndexView):
    token_permission = "view"

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not instance.is_revoked and can(self.request.user, "change"):
            buttons.append(MenuItem(
                _("Revoke"), url=reverse("api_tokens:revoke", args=(instance.pk,)),
                icon_name="bin", priority=30,
            ))
        return buttons


class TokenCreateView(TokenPermissionMixin, generic.CreateView):
    """Makes the token and answers the form with it, once (nothing to redirect to: the token
    is not stored anywhere it could be shown from)."""

    token_permission = "add"

    def save_instance(self):
        instance, self.token = ApiToken.issue(
            name=self.form.cleaned_data["name"], scope=self.form.cleaned_data["scope"],
            created_by=self.request.user,
        )
        log(instance, "wagtail.create", user=self.request.user)
        return instance

    def save_action(self):
        response = TemplateResponse(self.request, "reach_api/admin/token_created.html", {
            "page_title": gettext("API token created"), "header_title":
            gettext("API token created"), "header_icon": "key", "token": self.token,
            "object": self.object, "index_url": reverse("api_tokens:index"),
        })
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response


class TokenRevokeView(TokenPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    token_permission = "change"
    template_name = "reach_api/admin/confirm_revoke.html"
    header_icon = "key"

    @cached_property
    def token(self):
        return get_object_or_404(ApiToken, pk=self.kwargs["pk"])

    def get_page_title(self):
        return gettext("Revoke API token")

    def get_page_subtitle(self):
        return str(self.token)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("api_tokens:index"), "label": gettext("API tokens")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(token=self.token, **kwargs)

    def post(self, request, *args, **kwargs):
        token = self.token
        if token.revoke(request.user):
            log(token, REVOKE_ACTION, user=request.user)
            messages.success(request, gettext(
                "“%(token)s” is revoked: programs using it get 401 from now on."
            ) % {"token": token})
        else:
            messages.warning(request, gettext("“%(token)s” was already revoked.")
                             % {"token": token})
        return redirect("api_tokens:index")


class RevokedColumn(StatusTagColumn):
    def get_value(self, instance):
        return gettext("Revoked") if instance.is_revoked else gettext("Active")

    def get_primary(self, instance):
        return not instance.is_revoked


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    name = "api_tokens"
    url_prefix = "api-tokens"
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    menu_order = 900
    form_fields = ["name", "scope"]
    index_view_class = TokenIndexView
    add_view_class = TokenCreateView
    list_filter = []
    search_fields = None
    copy_view_enabled = False
    inspect_view_enabled = False

    @cached_property
    def list_display(self):
        return [
            "name",
            Column("display_prefix", label=_("Token starts with")),
            Column("scope", label=_("Scope")),
            Column("created_by", label=_("Created by")),
            DateColumn("created_at", label=_("Created")),
            DateColumn("last_used_at", label=_("Last used")),
            RevokedColumn("revoked_at", label=_("Status")),
            DateColumn("revoked_at", label=_("Revoked")),
        ]

    def get_common_view_kwargs(self, **kwargs):
        # No edit, delete, history or usage screens: a token is created, listed and revoked.
        return super().get_common_view_kwargs(**{
            "edit_url_name": None, "delete_url_name": None, "history_url_name": None,
            "usage_url_name": None, **kwargs,
        })

    @property
    def revoke_view(self):
        return self.construct_view(TokenRevokeView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]
