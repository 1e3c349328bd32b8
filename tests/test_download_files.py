"""The whole-directory downloads as files: written once for each version of the directory,
one writer at a time, gzip to clients that take it, ranges, and the limits on downloads
at once (directory/opendata/files.py)."""

import gzip
import threading
import time

from django.test import TestCase, override_settings

from directory.opendata import files
from tests.factories import CommunityFactory, PartnershipFactory

URL = "/data/partnerships.csv"


def content(response):
    return b"".join(response.streaming_content)


class WholeFileTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        town = CommunityFactory(name="Alderbrook", country="US")
        for n in range(30):
            PartnershipFactory(community_a=town, community_b=CommunityFactory(name=f"Linden {n}"))

    def test_the_file_is_written_once_for_each_version_of_the_directory(self):
        first = content(self.client.get(URL))
        self.assertEqual(first.count(b"\n"), 31)
        with self.assertNumQueries(1):  # the generation, for the file's name
            self.assertEqual(content(self.client.get(URL)), first)
        PartnershipFactory(community_a=CommunityFactory(name="Zeeland"))
        after = content(self.client.get(URL))
        self.assertIn(b"Zeeland", after)
        # The older version's file is gone.
        self.assertEqual(len([p for p in (files.folder() / "files").iterdir() if p.is_dir()]), 1)

    def test_a_client_that_takes_gzip_gets_the_compressed_copy(self):
        plain = content(self.client.get(URL))
        response = self.client.get(URL, headers={"accept-encoding": "gzip, br"})
        self.assertEqual(response["Content-Encoding"], "gzip")
        self.assertIn("Accept-Encoding", response["Vary"])
        self.assertEqual(gzip.decompress(content(response)), plain)
        self.assertEqual(response["Content-Disposition"].count("sister-city-partnerships.csv"), 1)

    def test_ranges(self):
        plain = content(self.client.get(URL))
        size = len(plain)
        response = self.client.get(URL, headers={"range": "bytes=10-99"})
        self.assertEqual(response.status_code, 206)
        self.assertEqual(response["Content-Range"], f"bytes 10-99/{size}")
        self.assertEqual((response["Content-Length"], content(response)), ("90", plain[10:100]))
        response = self.client.get(URL, headers={"range": "bytes=-20"})
        self.assertEqual(content(response), plain[-20:])
        response = self.client.get(URL, headers={"range": f"bytes={size - 5}-"})
        self.assertEqual(content(response), plain[-5:])
        self.assertIn("ETag", response)  # a range is as public as the whole
        response = self.client.get(URL, headers={"range": f"bytes={size}-"})
        self.assertEqual(response.status_code, 416)
        self.assertEqual(response["Content-Range"], f"bytes */{size}")
        # Several ranges, nonsense, or a range of an older file: the whole file.
        for asked in ("bytes=0-1,5-6", "bytes=x-y", "lines=1-2"):
            self.assertEqual(self.client.get(URL, headers={"range": asked}).status_code, 200)
        old = {"range": "bytes=0-9", "if-range": '"an-older-version"'}
        self.assertEqual(content(self.client.get(URL, headers=old)), plain)
        etag = self.client.get(URL)["ETag"]
        current = {"range": "bytes=0-9", "if-range": etag}
        self.assertEqual(content(self.client.get(URL, headers=current)), plain[:10])

    def test_one_writer_at_a_time(self):
        written, answers = [], []

        def lines():
            written.append(1)
            time.sleep(0.3)
            yield "a line\n"

        def fetch():
            answers.append(files.whole_file("x.csv", "v1", lines).read_text())

        threads = [threading.Thread(target=fetch) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        self.assertEqual((written, answers), ([1], ["a line\n"] * 3))


class LimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        PartnershipFactory()

    def setUp(self):
        files.worker_slots.cache_clear()
        self.addCleanup(files.worker_slots.cache_clear)

    @override_settings(DOWNLOADS_PER_ADDRESS=1)
    def test_one_address_may_have_so_many_downloads_going(self):
        going = self.client.get(URL)  # not yet read to its end
        refused = self.client.get(URL)
        self.assertEqual(refused.status_code, 429)
        self.assertEqual(refused["Retry-After"], "60")
        self.assertIn("no-store", refused["Cache-Control"])
        self.assertEqual(self.client.get(URL, REMOTE_ADDR="192.0.2.9").status_code, 200)
        content(going)  # read to the end, the response closes and gives its slot back
        self.assertEqual(self.client.get(URL).status_code, 200)

    @override_settings(DOWNLOADS_PER_WORKER=2)
    def test_a_worker_keeps_threads_for_pages(self):
        going = [self.client.get(URL, REMOTE_ADDR=f"192.0.2.{n}") for n in (1, 2)]
        refused = self.client.get(URL, REMOTE_ADDR="192.0.2.3")
        self.assertEqual(refused.status_code, 503)
        self.assertEqual(refused["Retry-After"], "60")
        self.assertEqual(self.client.get("/cities/").status_code, 200)
        for response in going:
            content(response)
        self.assertEqual(self.client.get(URL, REMOTE_ADDR="192.0.2.3").status_code, 200)
