"""Previewing and importing an uploaded file in the background, as tasks of Django's Tasks
framework (the django-tasks backport; the database backend's worker runs them:
`manage.py db_worker`). The admin's request only stores the file and enqueues a task, so
no request waits for a large file; the task writes its progress on the ImportJob after
each batch, and what it found when it ends.
"""

import logging
from dataclasses import asdict

from django.utils import timezone
from django_tasks import task

from directory.models import ImportJob

from . import plan as planning
from .reading import ImportFileError

logger = logging.getLogger(__name__)
State = ImportJob.State


@task()
def preview(job_id):
    """Read and plan the file, changing nothing; the job is then ready to import."""
    run(job_id, store=False)


@task()
def import_file(job_id):
    """Plan the file again, against the directory as it is now, and store it."""
    run(job_id, store=True)


def run(job_id, store):
    job = ImportJob.objects.select_related("source", "uploaded_by").get(pk=job_id)
    report = planning.Report()
    try:
        for _, report in planning.each_batch(
            bytes(job.data), job.source, write=store, user=job.uploaded_by
        ):
            written = report.new + report.cited if store else 0
            ImportJob.objects.filter(pk=job.pk).update(
                rows_read=report.rows_read, stored=written, updated=timezone.now()
            )
    except ImportFileError as error:
        finish(job, State.REFUSED, error=str(error))
        return
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        finish(
            job,
            State.FAILED,
            report=asdict(report),
            error="The import stopped on an error; the batches before it are stored. "
            "Importing the file again stores the rest."
            if store
            else "The preview stopped on an error; nothing was changed.",
        )
        raise
    finish(job, State.IMPORTED if store else State.PREVIEWED, report=asdict(report))


def finish(job, state, report=None, error=""):
    ImportJob.objects.filter(pk=job.pk).update(
        state=state,
        report=report if report is not None else job.report,
        error=error,
        updated=timezone.now(),
    )


def start_import(job, user):
    """Enqueue the import of a previewed ``job`` once: True when this call did, False when
    it was imported or is importing already (two confirmations of one file)."""
    claimed = ImportJob.objects.filter(pk=job.pk, uploaded_by=user, state=State.PREVIEWED).update(
        state=State.IMPORTING, rows_read=0, stored=0
    )
    if claimed:
        import_file.enqueue(job.pk)
    return bool(claimed)
