"""The site's prose is in its own words: no text repeats 12 or more consecutive words
of the source documents in the seeds folder. Facts may come from the sources; their
sentences may not."""

import html
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

RUN = 12
SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"
PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def seeds_dir():
    default = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    return Path(os.environ.get("SEEDS_DIR") or default)


def read(path):
    return path.read_text(encoding="utf-8", errors="replace")


def words(text):
    """Lower-case words, split on anything that is not a letter or a digit."""
    return re.findall(r"[^\W_]+", text.lower().translate(PLAIN_QUOTES))


def runs_in(text):
    tokens = words(text)
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def copied_runs(text, seed_runs):
    """The stretches of ``text`` that repeat RUN or more consecutive words of a seed file."""
    tokens = words(text)
    stretches = []
    for i in range(len(tokens) - RUN + 1):
        if tuple(tokens[i : i + RUN]) in seed_runs:
            if stretches and i <= stretches[-1][1]:
                stretches[-1][1] = i + RUN
            else:
                stretches.append([i, i + RUN])
    return [" ".join(tokens[start:end]) for start, end in stretches]


def assert_own_words(texts, seed_runs):
    problems = [
        f"{label} copies “{run}”" for label, text in texts for run in copied_runs(text, seed_runs)
    ]
    assert not problems, "Text copied from the seeds folder:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def seed_files():
    folder = seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"No seeds folder at {folder} (set SEEDS_DIR to check the wording).")
    return [path for path in sorted(folder.iterdir()) if path.is_file()]


@pytest.fixture(scope="module")
def seed_runs(seed_files):
    return set().union(*(runs_in(read(path)) for path in seed_files))


def seed_texts():
    """(label, text) for every prose field of the seed data."""
    for record in json.loads(SEED_FILE.read_text(encoding="utf-8")):
        fields, model = record["fields"], record["model"]
        if model == "directory.question":
            yield f"question {fields['question']!r}", fields["question"]
            yield f"answer to {fields['question']!r}", strip_tags(fields["answer"])
        elif model == "directory.historyevent":
            yield f"history event {fields['year']} title", fields["title"]
            yield f"history event {fields['year']} {fields['title']!r}", fields["description"]
        elif model == "directory.organization":
            yield f"organization {fields['name']!r}", fields["description"]
        elif model == "directory.source":
            yield f"source {fields['name']!r}", fields["description"]


def test_a_copied_sentence_is_caught(seed_files, seed_runs):
    """Control: 12 words from a seed file, with other case and punctuation, are reported."""
    text = read(seed_files[0])
    copied = words(text)[10 : 10 + RUN]
    assert len(copied) == RUN
    sentence = "As the page puts it: " + ", ".join(copied).upper() + "!"
    assert " ".join(copied) in copied_runs(sentence, seed_runs)
    with pytest.raises(AssertionError, match="control sentence"):
        assert_own_words([("control sentence", sentence)], seed_runs)


def test_seed_data_is_in_its_own_words(seed_runs):
    texts = list(seed_texts())
    assert len(texts) > 30
    assert_own_words(texts, seed_runs)


@pytest.mark.django_db
def test_about_page_is_in_its_own_words(client, seed_runs):
    response = client.get(reverse("directory:about"))
    assert response.status_code == 200
    text = html.unescape(strip_tags(response.content.decode()))
    assert "Why communities twin" in text
    assert_own_words([("about page", text)], seed_runs)


def test_footer_is_in_its_own_words(seed_runs):
    footer = render_to_string("includes/footer.jinja", using="jinja2")
    sentence = html.unescape(strip_tags(re.search(r"<p>(.*?)</p>", footer, re.S)[1]))
    assert sentence.strip()
    assert_own_words([("footer sentence", sentence)], seed_runs)
