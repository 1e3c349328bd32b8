"""The admin's import page: upload a file, see the preview, confirm.

The same code path as `manage.py import_partnerships`: read(), plan(), apply(). The
uploaded file waits in a PendingImport until its uploader confirms or starts again; the
plan is made again at confirmation, so it reflects the directory as it is then.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from directory.models import PendingImport, Source

from . import plan as planning
from .reading import ImportFileError, read

MAX_FILE_BYTES = 20 * 1024 * 1024
PERMISSION = "directory.import_partnerships"
TEMPLATES = "admin/directory/partnership"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, with a header row; see the README for the columns.",
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), help_text="The source every imported row will cite."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size // (1024 * 1024)} MB; the most is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        data = upload.read()
        try:
            self.rows = read(data)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return data


def import_view(request, model_admin):
    """GET: the upload form. POST with a file: the preview. POST with ``confirm``: the
    import, then back to the partnerships with a summary."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import partnerships from a file",
    }
    if "confirm" in request.POST:
        pending = get_object_or_404(
            PendingImport, pk=request.POST["confirm"], uploaded_by=request.user
        )
        plan = planning.plan(*read(bytes(pending.data)), pending.source)
        planning.apply(plan, user=request.user)
        pending.delete()
        messages.success(request, summary(plan, pending.file_name))
        return redirect(reverse("admin:directory_partnership_changelist"))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        PendingImport.objects.filter(
            uploaded_by=request.user, uploaded__lt=timezone.now() - timedelta(days=1)
        ).delete()
        pending = PendingImport.objects.create(
            file_name=request.FILES["file"].name,
            data=form.cleaned_data["file"],
            source=form.cleaned_data["source"],
            uploaded_by=request.user,
        )
        context |= {"pending": pending, "plan": planning.plan(*form.rows, pending.source)}
        return TemplateResponse(request, f"{TEMPLATES}/import_preview.html", context)
    context["form"] = form
    return TemplateResponse(request, f"{TEMPLATES}/import.html", context)


def summary(plan, file_name):
    def count(items, one, many):
        return f"{len(items)} {one if len(items) == 1 else many}"

    return (
        f"Imported {file_name}, citing {plan.source}: "
        f"{count(plan.created, 'community', 'communities')} created, "
        f"{count(plan.new, 'partnership', 'partnerships')} created, "
        f"{count(plan.cited, 'partnership', 'partnerships')} already present now also "
        f"citing it, {count(plan.rejections, 'row', 'rows')} rejected."
    )
