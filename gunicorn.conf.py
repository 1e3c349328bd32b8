"""Gunicorn settings for production (make serve, the Docker image).

    python -m gunicorn -c gunicorn.conf.py

HOST and PORT choose the address (default 127.0.0.1:8000); WEB_CONCURRENCY the number of
worker processes (default two per CPU core plus one); LOG_LEVEL the error log's level.
Each request is logged once, on stdout, by the access log below: method, path, status,
duration and the request id that the application echoes in its X-Request-ID header.
"""

import multiprocessing
import os

wsgi_app = "sistercities.wsgi"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# Each worker serves THREADS requests at once, so that a download, which takes a thread
# for as long as the client reads, leaves the worker free for pages; half the threads at
# most serve downloads (DOWNLOADS_PER_WORKER, directory/opendata/files.py).
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))

# A worker silent for this long is killed and replaced (a threaded worker stays in touch
# while its threads serve); on a restart or a stop, workers get graceful_timeout seconds
# to finish the requests they are serving.
timeout = 120
graceful_timeout = 20
keepalive = 5

accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)sB %(M)sms request_id=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# gunicorn 25.1+ opens a control socket at one fixed path per user, which several
# instances on one machine would share; the site is managed through signals instead.
control_socket_disable = True
