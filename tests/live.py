"""Real servers for the serving tests: a private PostgreSQL, gunicorn, an admin session.

PrivatePostgres runs its own PostgreSQL cluster (initdb, pg_ctl) in a temporary folder
on a free port, so the tests can stop and start it without touching any other server.
PostgreSQL refuses to run as root, so as root the cluster runs as the ``postgres`` user.
Gunicorn serves the site as `make serve` does, from gunicorn.conf.py, in production mode.
"""

import contextlib
import glob
import html.parser
import http.cookiejar
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER_ENV = {
    "SECRET_KEY": "live-test-only-secret-key",
    "DEBUG": "0",
    "HTTPS": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "INFO",
}
SUPERUSER = ("live-admin", "live-admin-password-1")


def require(missing):
    """Skip the test when ``missing`` names a missing tool; under CI=true, fail."""
    if not missing:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing} (CI=true: these checks must run)", pytrace=False)
    pytest.skip(missing)


def postgres_bin():
    """The folder holding initdb and pg_ctl, newest PostgreSQL first, or None."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version_key, reverse=True)
    folders += [str(Path(found).parent) for found in [shutil.which("initdb")] if found]
    return next((Path(f) for f in folders if (Path(f) / "pg_ctl").exists()), None)


def version_key(folder):
    version = Path(folder).parent.name
    return int(version) if version.isdigit() else 0


def postgres_missing():
    if postgres_bin() is None:
        return "PostgreSQL server programs not found (Debian: apt-get install postgresql)"
    if os.geteuid() == 0 and not user_exists("postgres"):
        return "running as root, and there is no postgres user to run PostgreSQL as"
    return ""


def user_exists(name):
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivatePostgres:
    """A throw-away PostgreSQL cluster; ``url`` reaches its ``site`` database."""

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="sistercities-pg-"))
        self.data = self.folder / "data"
        self.as_user = []
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/site"

    def run(self, program, *args, timeout=60):
        subprocess.run(
            [*self.as_user, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def create(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--locale=C", "--no-sync")  # fmt: skip
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "site")

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        self.run("pg_ctl", "start", "-D", str(self.data), "-w", "-t", "30", "-o", options,
                 "-l", str(self.folder / "server.log"))  # fmt: skip

    def stop(self, mode="fast"):
        self.run("pg_ctl", "stop", "-D", str(self.data), "-m", mode, "-w", "-t", "30")

    def connect(self, **kwargs):
        import psycopg

        return psycopg.connect(self.url, connect_timeout=5, **kwargs)

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **SERVER_ENV, **env},
        check=True,
        capture_output=True,
        timeout=120,
    )


def prepare_site(database_url):
    """Migrate and seed the database, and create a superuser in it."""
    env = {"DATABASE_URL": database_url}
    manage(env, "migrate", "--noinput")
    manage(env, "seed", "--if-empty")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": SUPERUSER[1]},
        "createsuperuser", "--noinput", "--username", SUPERUSER[0], "--email", "a@example.org",
    )  # fmt: skip


def scratch_database(name, folder):
    """The address of a new, empty database called ``name``: on the PostgreSQL server of
    DATABASE_URL when it names one, else an SQLite file in ``folder``. drop_database()
    removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{Path(folder) / name}.sqlite3"
    import psycopg

    server = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_database(url):
    if url.startswith("sqlite:"):
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def collect_static():
    """Production pages need the hashed static files that collectstatic writes."""
    manage({}, "collectstatic", "--noinput")


class Gunicorn:
    """gunicorn with gunicorn.conf.py on a free port; its output goes to ``log``."""

    COMMAND = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]

    def __init__(self, env, workers=2, command=COMMAND):
        self.command = command
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="sistercities-gunicorn-", suffix=".log")[1])
        self.env = {
            **os.environ,
            **SERVER_ENV,
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            # bin/start runs the python of this virtualenv.
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            **env,
        }
        self.process = None

    def start(self, timeout=60):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start:\n{self.output()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def output(self):
        return self.log.read_text(errors="replace")

    def cleanup(self):
        self.stop()
        self.log.unlink(missing_ok=True)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """Plain HTTP with cookies, against one server; never raises for an error status."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def request(self, path, data=None, headers=None, timeout=10):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def submit(self, path, changes, timeout=10):
        """Post the form on the page at ``path`` with its current values and ``changes``."""
        form = FormValues(path)
        form.feed(self.get(path).text)
        return self.request(path, data={**form.values, **changes}, timeout=timeout)

    def log_in_to_admin(self, login_path):
        response = self.submit(login_path, {"username": SUPERUSER[0], "password": SUPERUSER[1]})
        assert response.status == 302, response.text[:2000]
        return self


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormValues(html.parser.HTMLParser):
    """The values a browser would submit for the first POST form that posts to ``path``."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.values = {}
        self.in_form = self.done = False
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("method", "").lower() == "post":
            self.in_form = attrs.get("action") in (None, "", self.path)
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.values.setdefault(name, [])
            self.values[name].append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self.select, self.first_option = name, None
            if "multiple" in attrs:
                self.first_option = ""  # a multiple select sends nothing when none is marked
            self.values.setdefault(name, [])
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.values[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select" and self.select:
            # A browser sends a single select's first option when none is marked.
            if not self.values[self.select] and self.first_option:
                self.values[self.select].append(self.first_option)
            self.select = None
        elif tag == "textarea" and self.textarea:
            # Browsers drop the newline that may follow <textarea>.
            value = self.values[self.textarea][0]
            self.values[self.textarea][0] = value.removeprefix("\r\n").removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea][0] += data


def wait_for(condition, timeout, interval=0.1, message="condition"):
    """Call ``condition`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {message}")
        time.sleep(interval)
