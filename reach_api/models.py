"""API tokens: who may call the read API, with which scope, and whether still."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import tokens

# last_used_at is written at most this often per token, so a busy client costs one UPDATE a
# minute instead of one per call.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class Scope(models.TextChoices):
    READ_REACH = "read:reach", _("Read reach figures (read:reach)")


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for the read API. Only the SHA-256 of the token is stored
    (reach_api.tokens explains why a fast hash is right for a random secret); the token itself
    is shown once, right after it is created, and never again."""

    name = models.CharField(
        _("name"), max_length=100,
        help_text=_("Who or what uses it, e.g. 'Marketing BI dashboard'."),
    )
    prefix = models.CharField(_("prefix"), max_length=tokens.PREFIX_LENGTH, unique=True,
                              editable=False)
    key_digest = models.CharField(max_length=64, editable=False)
    scope = models.CharField(_("scope"), max_length=32, choices=Scope.choices,
                             default=Scope.READ_REACH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.display_prefix})"

    @property
    def display_prefix(self):
        """What identifies the token to people: the start of the token string."""
        return f"{tokens.SCHEME}_{self.prefix}_…"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @classmethod
    def issue(cls, *, name, scope, created_by):
        """Create a token; returns (the saved ApiToken, the token string to show once)."""
        while True:
            token, prefix = tokens.new_token()
            if not cls.objects.filter(prefix=prefix).exists():
                break
        instance = cls.objects.create(name=name, scope=scope, prefix=prefix,
                                      key_digest=tokens.digest(token), created_by=created_by)
        return instance, token

    def revoke(self, user):
        """Revoke for good (a revoked token never works again); returns whether it changed."""
        changed = ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=user,
        )
        self.refresh_from_db(fields=["revoked_at", "revoked_by"])
        return bool(changed)

    def note_use(self, now=None):
        """Record a call, at most once per LAST_USED_PRECISION."""
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
