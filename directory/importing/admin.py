"""The admin's import pages: upload a file, watch its preview, confirm, watch the import.

The request that receives the file only stores it (an ImportJob) and enqueues its
preview (jobs.py); the job's page follows the task, reloading itself every few seconds
without JavaScript, then shows what the file would do and, once confirmed, what it did.
The import plans the file again, so it reflects the directory as it is then. The same
code as `manage.py import_partnerships`: reading.batches(), plan.Planner, plan.store().
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from directory.models import ImportJob, Source

from . import jobs
from .reading import ImportFileError, batches

MAX_FILE_BYTES = 20 * 1024 * 1024
PERMISSION = "directory.import_partnerships"
TEMPLATES = "admin/directory/partnership"
# A job left this long (previewed and never confirmed, or finished) is dropped with its
# file; running ones are kept.
KEEP = timedelta(days=7)
# The job page reloads itself this often while its task runs.
REFRESH_SECONDS = 2


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8, with a header row; at most {MAX_FILE_BYTES // 2**20} MB; "
        "see the README for the columns.",
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), help_text="The source every imported row will cite."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size:,} bytes; the most is {MAX_FILE_BYTES:,} bytes "
                f"({MAX_FILE_BYTES // 2**20} MB)."
            )
        if len(upload.name) > ImportJob._meta.get_field("file_name").max_length:
            raise forms.ValidationError("The file's name is too long: rename it and try again.")
        data = upload.read()
        try:  # at once, what the first line and the encoding can tell
            next(batches(data, size=1))
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return data


def allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def import_view(request, model_admin):
    """GET: the upload form. POST: store the file, start its preview, go to its page."""
    allowed(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        running = [ImportJob.State.PREVIEWING, ImportJob.State.IMPORTING]
        ImportJob.objects.exclude(state__in=running).filter(
            updated__lt=timezone.now() - KEEP
        ).delete()
        data = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            file_name=request.FILES["file"].name,
            data=data,
            lines=data.count(b"\n") + (not data.endswith(b"\n")),
            source=form.cleaned_data["source"],
            uploaded_by=request.user,
        )
        jobs.preview.enqueue(job.pk)
        return redirect("admin:directory_partnership_import_job", job.pk)
    context = {**page_context(request, model_admin, "Import partnerships from a file")}
    return TemplateResponse(request, f"{TEMPLATES}/import.html", {**context, "form": form})


def job_view(request, model_admin, pk):
    """A job's page: its progress while a task runs, then its preview (with the button
    that confirms it) or its outcome. POST confirms."""
    allowed(request)
    job = get_object_or_404(ImportJob.objects.select_related("source"), pk=pk)
    if job.uploaded_by_id != request.user.pk:
        raise PermissionDenied  # each curator confirms only what they uploaded
    if request.method == "POST":
        if not jobs.start_import(job, request.user):
            job.refresh_from_db()
            model_admin.message_user(
                request,
                "This file is being imported already."
                if job.running
                else f"This file cannot be imported now: it is {job.get_state_display().lower()}.",
                level="warning",
            )
        return redirect("admin:directory_partnership_import_job", job.pk)
    context = page_context(request, model_admin, f"Importing {job.file_name}")
    return TemplateResponse(
        request,
        f"{TEMPLATES}/import_job.html",
        {**context, "job": job, "report": job.report, "refresh": REFRESH_SECONDS},
    )


def import_urls(model_admin):
    """The import pages, for the partnerships' admin."""

    def wrap(view):
        site = model_admin.admin_site
        return site.admin_view(lambda request, **kwargs: view(request, model_admin, **kwargs))

    return [
        path("import/", wrap(import_view), name="directory_partnership_import"),
        path("import/<int:pk>/", wrap(job_view), name="directory_partnership_import_job"),
    ]


def page_context(request, model_admin, title):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
    }
