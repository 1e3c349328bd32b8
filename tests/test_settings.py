import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS)"
)


def run_with(env, code=PRINT_SETTINGS, args=None):
    """Run Python code (or ``args``, e.g. a manage.py command) under settings read from
    ``env`` alone, with none of this process's settings variables."""
    names = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "LOG_LEVEL", "HTTPS",
             "DJANGO_ALLOW_ASYNC_UNSAFE"}  # fmt: skip
    clean = {k: v for k, v in os.environ.items() if k not in names}
    return subprocess.run(
        [sys.executable, *(args or ["-c", code])],
        env={**clean, "DJANGO_SETTINGS_MODULE": "sistercities.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_with({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_set_and_sqlite_is_the_default():
    result = run_with({"SECRET_KEY": "k"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "django.db.backends.sqlite3"]


def test_debug_gives_a_development_key_and_hosts_come_from_the_environment():
    result = run_with({"DEBUG": "1", "ALLOWED_HOSTS": "example.org, www.example.org"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")
    assert "['example.org', 'www.example.org']" in result.stdout


def test_database_url_selects_postgresql():
    result = run_with({"SECRET_KEY": "k", "DATABASE_URL": "postgres://u@127.0.0.1:5432/x"})
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql" in result.stdout


PRINT_CACHE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.PAGE_CACHE_SECONDS)"
)


def test_redis_url_selects_the_shared_cache_for_the_pages():
    without = run_with({"SECRET_KEY": "k"}, code=PRINT_CACHE)
    assert without.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "300"]
    off = run_with({"SECRET_KEY": "k", "PAGE_CACHE_SECONDS": "0"}, code=PRINT_CACHE)
    assert off.stdout.split()[1] == "0"
    with_redis = run_with(
        {"SECRET_KEY": "k", "REDIS_URL": "redis://127.0.0.1:6379/3"}, code=PRINT_CACHE
    )
    assert with_redis.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "300"]


def test_log_level_may_be_written_in_lower_case():
    result = run_with({"SECRET_KEY": "k", "LOG_LEVEL": "warning"})
    assert result.returncode == 0, result.stderr


def test_csrf_trusted_origins_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CSRF_TRUSTED_ORIGINS)"
    )
    unset = run_with({"SECRET_KEY": "k"}, code)
    assert unset.stdout.strip() == "[]", unset.stderr
    origins = "https://sistercities.example.org, https://www.sistercities.example.org"
    result = run_with({"SECRET_KEY": "k", "CSRF_TRUSTED_ORIGINS": origins}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['https://sistercities.example.org', 'https://www.sistercities.example.org']"
    )
