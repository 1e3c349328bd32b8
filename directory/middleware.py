"""Request ids for the logs."""

import contextvars
import logging
import re
import uuid

# A request id from the client or a proxy in front is kept when it looks like one.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Give each request an id, echo it in X-Request-ID, and let log lines carry it.

    gunicorn's access log prints the response's X-Request-ID, and RequestIdFilter adds
    the same id to every log record written while the request is served.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        value = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id.set(value)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = value
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to log records: the current request's, or "-" outside one."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True
