"""Admin forms for offline events and channel figures, and the checks they share with the
CSV/XLSX import (campaigns.imports), so a figure typed in and a figure imported obey the same
rules.

The models already refuse an event dated outside its campaign, a period that ends before it
starts and a negative value; these forms add what only a form can know: the campaign is
required, the tracking links belong to the event's campaign, the figure's period overlaps the
campaign, and an evidence file is one of a few document types and not too large.
"""

import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Extension -> the bytes such a file starts with (None: text, checked separately). The
# extension alone proves nothing: a renamed executable must not be stored as "evidence".
EVIDENCE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
    "csv": None,
}
EVIDENCE_EXTENSIONS = tuple(EVIDENCE_SIGNATURES)


def figure_period_problem(campaign, start, end):
    """Why a partner figure's period cannot belong to the campaign, or None."""
    if campaign is None or start is None or end is None or end < start:
        return None  # reported elsewhere (required field, or the model's own check)
    if end < campaign.starts_on or start > campaign.ends_on:
        return gettext(
            "The period does not overlap the campaign (%(start)s to %(end)s)."
        ) % {"start": campaign.starts_on, "end": campaign.ends_on}
    return None


def validate_evidence_file(upload):
    """A PDF, PNG, JPEG, XLSX or CSV file of at most 10 MB whose content matches its name."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_SIGNATURES:
        raise ValidationError(
            gettext("“%(name)s” is not an accepted evidence file. Use one of: %(types)s.")
            % {"name": name, "types": ", ".join(EVIDENCE_EXTENSIONS)},
            code="evidence_type",
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            gettext("The evidence file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(EVIDENCE_MAX_BYTES)},
            code="evidence_size",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    signatures = EVIDENCE_SIGNATURES[extension]
    if signatures is None:
        matches = b"\x00" not in head  # a text file has no NUL bytes
    else:
        matches = head.startswith(signatures)
        if matches and extension == "xlsx":
            matches = zipfile.is_zipfile(upload)
            upload.seek(0)
    if not matches:
        raise ValidationError(
            gettext("“%(name)s” does not look like a %(type)s file. Check the file and "
                    "upload it again.") % {"name": name, "type": extension.upper()},
            code="evidence_content",
        )


class OfflineEventAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "campaign" in self.fields:
            self.fields["campaign"].required = True
        if "links" in self.fields:
            self.fields["links"].queryset = self.fields["links"].queryset.select_related(
                "campaign"
            ).order_by("campaign__name", "label", "code")
            self.fields["links"].label_from_instance = (
                lambda link: f"{link.campaign.name} · {link}"
            )

    def clean(self):
        cleaned = super().clean()
        campaign = cleaned.get("campaign")
        links = cleaned.get("links")
        if campaign is not None and links:
            foreign = [link.code for link in links if link.campaign_id != campaign.pk]
            if foreign:
                self.add_error("links", gettext(
                    "These tracking links belong to another campaign: %(codes)s."
                ) % {"codes": ", ".join(foreign)})
        return cleaned


class _StoredPrivateFile:
    """What the file widget shows for a stored private file: its name, linked to the
    permission-checked download view instead of a storage URL (there is none)."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PrivateFileInput(forms.ClearableFileInput):
    """Django's file input for a file in the private storage, whose ``url()`` refuses."""

    def __init__(self, download_url=None, attrs=None):
        super().__init__(attrs)
        self.download_url = download_url

    def is_initial(self, value):
        return bool(value) and bool(getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        if self.is_initial(value) and not isinstance(value, _StoredPrivateFile):
            value = _StoredPrivateFile(value.name, self.download_url or "")
        return super().get_context(name, value, attrs)


class ChannelFigureAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "evidence_file" in self.fields:
            self.fields["evidence_file"].widget = PrivateFileInput(
                download_url=reverse("campaigns_evidence_file", args=[self.instance.pk])
                if self.instance.pk else None,
            )
            self.fields["evidence_file"].help_text = _(
                "PDF, PNG, JPEG, XLSX or CSV, up to 10 MB: the partner's report or a "
                "screenshot of it."
            )
            self.fields["evidence_file"].widget.attrs["accept"] = ",".join(
                f".{extension}" for extension in EVIDENCE_EXTENSIONS
            )

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if isinstance(upload, UploadedFile):  # a newly chosen file, not the stored one
            validate_evidence_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        problem = figure_period_problem(
            cleaned.get("campaign"), cleaned.get("period_start"), cleaned.get("period_end")
        )
        if problem:
            self.add_error("period_start", problem)
        return cleaned
