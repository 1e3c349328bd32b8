"""The whole-directory downloads as files on disk, and the limits on downloads at once.

A whole-directory file (every partnership, every community) is written once for each
version of the directory (the deploy and the generation, directory/caching.py): by the
first request that asks for it after a change, one process at a time, under a lock file;
a request that comes while it is written waits for it, then every request is served the
finished file. Beside it a gzip copy, served to clients that accept gzip. Files of older
versions are removed as a new one is finished.

Served from disk, a file goes out through the server's sendfile, with ranges (a broken
download resumes) and the validators every public page has. gunicorn runs each worker
with THREADS threads (gunicorn.conf.py), so a download holds a thread, not a worker
process, and limited() keeps threads free for pages: each worker serves at most
DOWNLOADS_PER_WORKER downloads at once (half its threads; a 503 beyond), and one client
address has at most DOWNLOADS_PER_ADDRESS going on the machine (a 429 beyond). Those are
counted with lock files (``flock``), which every worker shares and the system frees if a
worker dies mid-download.
"""

import fcntl
import functools
import gzip
import os
import re
import shutil
import threading
import zlib
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse

from directory.counting import client_address

RANGE = re.compile(r"bytes=(\d*)-(\d*)")
BLOCK = 256 * 1024
ADDRESS_BUCKETS = 1024


def folder():
    return Path(settings.DOWNLOADS_DIR)


def whole_file(name, version, lines):
    """The path of the finished file ``name`` of the directory at ``version``, written
    from the text ``lines()`` yields if it is not yet; and its gzip copy beside it."""
    versions = folder() / "files"
    path = versions / version / name
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(versions / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be writing it
        if not path.exists():
            write(path, lines())
            for other in versions.iterdir():
                if other.is_dir() and other.name != version:
                    shutil.rmtree(other, ignore_errors=True)
    return path


def write(path, lines):
    """Write ``path`` and ``path``.gz from ``lines``, each whole or not at all (the
    caller holds the lock, so the partial files' names are its own)."""
    plain, packed = path.with_name(f".{path.name}.part"), path.with_name(f".{path.name}.gz.part")
    try:
        with open(plain, "wb") as text, gzip.GzipFile(packed, "wb", mtime=0) as zipped:
            for line in lines:
                data = line.encode()
                text.write(data)
                zipped.write(data)
        os.replace(packed, f"{path}.gz")
        os.replace(plain, path)  # last: the plain file says both are finished
    finally:
        plain.unlink(missing_ok=True)
        packed.unlink(missing_ok=True)


def serve(request, path, content_type, filename, etag):
    """``path`` (or its gzip copy, to a client that takes gzip), whole or the one range
    asked for, as an attachment named ``filename``; ``etag`` is the one the response
    will carry (directory/caching.py adds it), which an If-Range must match."""
    headers = {"Accept-Ranges": "bytes", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        path, headers["Content-Encoding"] = Path(f"{path}.gz"), "gzip"
    size = path.stat().st_size
    span = asked_range(request, size, etag)
    if span == "unsatisfiable":
        return HttpResponse(status=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    file = open(path, "rb")  # noqa: SIM115 (the response closes it)
    if span is None:
        response = FileResponse(file, as_attachment=True, filename=filename, headers=headers)
    else:
        start, end = span
        file.seek(start)
        response = FileResponse(
            Span(file, end - start + 1),
            as_attachment=True,
            filename=filename,
            status=206,
            headers={**headers, "Content-Range": f"bytes {start}-{end}/{size}"},
        )
        response["Content-Length"] = end - start + 1
    response["Content-Type"] = content_type
    return response


def asked_range(request, size, etag):
    """(first, last) byte of the one range the request asks for, None for the whole file
    (no Range, several ranges, or an If-Range that no longer matches), or
    "unsatisfiable"."""
    asked = request.headers.get("Range", "")
    match = RANGE.fullmatch(asked.strip())
    if not match or not any(match.groups()):
        return None
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range != etag:
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return "unsatisfiable"
    return start, end


class Span:
    """The next ``length`` bytes of ``file``, read in blocks (no fileno(): a range is
    sent by Python, not sendfile, which would send the file to its end)."""

    def __init__(self, file, length):
        self.file, self.left = file, length

    def read(self, size=BLOCK):
        data = self.file.read(min(size, self.left))
        self.left -= len(data)
        return data

    def close(self):
        self.file.close()


class Slot:
    """A place among ``limit`` downloads at once of the kind ``kind``: taken with take(),
    given back when the response closes (or its process ends)."""

    def __init__(self, kind, limit):
        self.kind, self.limit, self.file = kind, limit, None

    def take(self):
        slots = folder() / "slots"
        slots.mkdir(parents=True, exist_ok=True)
        for number in range(self.limit):
            file = open(slots / f"{self.kind}-{number}", "w")  # noqa: SIM115
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                file.close()
                continue
            self.file = file
            return True
        return False

    def give_back(self):
        if self.file:
            self.file.close()  # closing frees the lock
            self.file = None


def limited(view):
    """``view``, refused when its client already has DOWNLOADS_PER_ADDRESS downloads
    going (429) or this worker has DOWNLOADS_PER_WORKER (503); both say when to try
    again."""

    @functools.wraps(view)
    def limited_view(request, *args, **kwargs):
        # Addresses share ADDRESS_BUCKETS sets of slots, so the lock files stay few.
        bucket = zlib.crc32(client_address(request).encode()) % ADDRESS_BUCKETS
        own = Slot(f"address-{bucket}", settings.DOWNLOADS_PER_ADDRESS)
        if not own.take():
            return busy(429, "You have downloads going already; try again when they finish.")
        if not worker_slots().acquire(blocking=False):
            own.give_back()
            return busy(503, "Too many downloads at once just now; try again in a minute.")
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            own.give_back()
            worker_slots().release()
            raise
        # Given back when the server closes the response, after its last byte.
        response._resource_closers.append(own.give_back)
        response._resource_closers.append(worker_slots().release)
        return response

    return limited_view


@functools.cache
def worker_slots():
    """This process's DOWNLOADS_PER_WORKER places for downloads, shared by its threads."""
    return threading.BoundedSemaphore(settings.DOWNLOADS_PER_WORKER)


def busy(status, message):
    return HttpResponse(
        message + "\n",
        status=status,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": "60", "Cache-Control": "no-store"},
    )
