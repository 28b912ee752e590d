"""Admin screens to import offline events and channel figures: upload → preview → confirm.

Mounted by the two viewsets in campaigns.viewsets.offline (…/import/ and …/import/template.csv), so
Wagtail's login and admin-access checks run first; here the user also needs the "add"
permission on the model being imported. The rules live in campaigns.imports.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_safe
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from .. import imports
from ..models import ImportBatch


def can_import(user, kind):
    return policy_registry.get_by_type(kind.model).user_has_permission(user, "add")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"), widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "CSV saved as UTF-8 or GBK, or an Excel workbook (.xlsx, first sheet); at most "
            "%(size)s."
        ) % {"size": filesizeformat(imports.MAX_FILE_BYTES)}


class ImportView(WagtailAdminTemplateMixin, View):
    """GET: the upload form. POST: an upload (→ preview), or action=confirm / cancel."""

    kind = None  # an imports.ImportKind
    url_namespace = None  # the viewset's URL namespace
    header_icon = "upload"
    upload_template_name = "campaigns/admin/import/upload.html"
    preview_template_name = "campaigns/admin/import/preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user, self.kind):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Import %(things)s") % {"things": self.kind.label}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{self.url_namespace}:index"),
             "label": capfirst(self.kind.model._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            index_url=reverse(f"{self.url_namespace}:index"),
            import_url=reverse(f"{self.url_namespace}:import"),
            template_url=reverse(f"{self.url_namespace}:import_template"),
            max_size=imports.MAX_FILE_BYTES,
            max_rows=imports.MAX_ROWS,
        )
        return context

    def render_upload(self, form, refusals=()):
        self.template_name = self.upload_template_name
        recent = (ImportBatch.objects.filter(kind=self.kind.key)
                  .select_related("imported_by").order_by("-imported_at")[:5])
        return self.render_to_response(
            self.get_context_data(form=form, refusals=refusals, recent_imports=recent)
        )

    def render_preview(self, preview, token=None):
        self.template_name = self.preview_template_name
        return self.render_to_response(self.get_context_data(
            preview=preview, token=token, page_subtitle=gettext("Preview"),
        ))

    def get(self, request, *args, **kwargs):
        return self.render_upload(ImportUploadForm())

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "upload")
        if action == "confirm":
            return self.confirm(request.POST.get("token", ""))
        if action == "cancel":
            imports.forget(request, request.POST.get("token", ""))
            return redirect(f"{self.url_namespace}:import")
        return self.upload()

    def upload(self):
        form = ImportUploadForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self.render_upload(form)
        upload = form.cleaned_data["file"]
        try:
            imports.check_extension(upload.name)
            imports.check_size(upload.size)  # before reading it
            upload.seek(0)
            data = upload.read(imports.MAX_FILE_BYTES + 1)
            preview = imports.preview_file(self.kind, data, upload.name)
        except imports.ImportRefused as refused:
            for message in refused.messages:
                form.add_error("file", message)
            return self.render_upload(form)
        token = None
        if preview.ok:
            token = imports.keep_for_confirmation(self.request, self.kind, preview, data)
        return self.render_preview(preview, token)

    def confirm(self, token):
        taken = imports.take_back(self.request, self.kind, token)
        if taken is None:
            messages.error(self.request, gettext(
                "This preview has expired or was already imported. Upload the file again."
            ))
            return redirect(f"{self.url_namespace}:import")
        data, filename = taken
        try:
            batch, preview = imports.commit_file(self.kind, data, filename, self.request.user)
        except imports.ImportRefused as refused:
            imports.forget(self.request, token)
            return self.render_upload(ImportUploadForm(), refusals=refused.messages)
        imports.forget(self.request, token)
        if batch is None:  # something changed since the preview: nothing was saved
            return self.render_preview(preview)
        messages.success(self.request, ngettext(
            "Imported %(count)d row from “%(file)s”.",
            "Imported %(count)d rows from “%(file)s”.", batch.rows,
        ) % {"count": batch.rows, "file": filename})
        return redirect(f"{self.url_namespace}:index")


def template_view(kind):
    @require_safe
    def download(request):
        if not can_import(request.user, kind):
            raise PermissionDenied
        response = HttpResponse(imports.template_csv(kind), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, kind.template_filename)
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return download
