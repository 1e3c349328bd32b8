"""Downloads cannot starve the site: real gunicorn (two workers, as gunicorn.conf.py runs
them, with threads) on a directory of 40,000 partnerships (8 MB, more than the
system buffers between server and client), ten whole-directory downloads
by clients that read slowly, and meanwhile every City Search answers within a second.
Bounded: the slow clients read for PROBE_SECONDS, then hang up."""

import contextlib
import socket
import time

import pytest

from tests import live

DOWNLOADS = 10
PROBE_SECONDS = 5
SEARCHES = ["/cities/?q=san", "/cities/?q=lin", "/cities/?country=JP", "/cities/?q=burg"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, collected_static):
    folder = tmp_path_factory.mktemp("downloads")
    url = f"sqlite:///{folder / 'site.sqlite3'}"
    live.manage({"DATABASE_URL": url}, "migrate", "--noinput")
    live.manage(
        {"DATABASE_URL": url}, "generate_directory", "--communities=10000", "--partnerships=40000"
    )
    server = live.Gunicorn(
        # Behind a proxy, so that each download comes from an address of its own.
        {"DATABASE_URL": url, "DOWNLOADS_DIR": str(folder), "BEHIND_PROXY": "1", "THREADS": "8"}
    )
    try:
        yield server.start()
    finally:
        server.cleanup()


def slow_download(server, number):
    """A download by a client at 203.0.113.``number`` that reads 4 KB at a time: the
    socket, and the status line it was answered."""
    client = socket.socket()
    client.settimeout(10)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window
    client.connect(("127.0.0.1", server.port))
    client.sendall(
        b"GET /data/partnerships.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + f"X-Forwarded-For: 203.0.113.{number}\r\n\r\n".encode()
    )
    first = client.recv(4096)
    return client, first.split(b"\r\n", 1)[0].decode(), len(first)


def test_searches_answer_within_a_second_during_ten_slow_downloads(server):
    browser = live.Browser(server.url)
    whole = browser.get("/data/partnerships.csv")  # written once, before the clock starts
    assert whole.status == 200 and whole.body.count(b"\n") > 40_000
    for page in SEARCHES:
        browser.get(page)

    downloads = [slow_download(server, number) for number in range(1, DOWNLOADS + 1)]
    try:
        statuses = [status for _, status, _ in downloads]
        received = [size for _, _, size in downloads]
        going = statuses.count("HTTP/1.1 200 OK")
        # Each worker serves at most half its threads' worth of downloads; the rest are
        # told to come back.
        assert going >= 4 and set(statuses) <= {
            "HTTP/1.1 200 OK",
            "HTTP/1.1 503 Service Unavailable",
        }
        slowest, answered = 0.0, 0
        stop = time.monotonic() + PROBE_SECONDS
        while time.monotonic() < stop:
            for page in SEARCHES:
                started = time.monotonic()
                response = browser.get(page, timeout=5)
                assert response.status == 200, (page, response.status)
                slowest = max(slowest, time.monotonic() - started)
                answered += 1
            for number, (client, _, _) in enumerate(downloads):
                client.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    received[number] += len(client.recv(4096))  # as a slow reader would
        assert slowest < 1, f"slowest of {answered} searches: {slowest:.2f} s"
        # The downloads were still going when the probe ended.
        assert max(received) < len(whole.body), (received, len(whole.body))
    finally:
        for client, _, _ in downloads:
            client.close()
