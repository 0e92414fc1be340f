"""The ingest command: files and folders, manifests, one line per file, summary, exit status."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Envoys agree to resume border talks\n\n"
    "GENEVA (Reuters) - Envoys from the two countries agreed on Monday to resume border talks next month, "
    "a spokesman for the mission said.\n"
)


@dataclass
class Run:
    out: str
    err: str
    error: CommandError | None


def run(*args) -> Run:
    """call_command, with what it printed and the CommandError it raised (None on success)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as error:
        return Run(out.getvalue(), err.getvalue(), error)
    return Run(out.getvalue(), err.getvalue(), None)


def lines(output):
    return [line for line in output.splitlines() if line.strip()]


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_ingesting_seeds_twice_gives_one_article_with_the_repaired_text():
    """The issue's "Done when", on seeds/ as the repository ships it."""
    result = run(SEEDS)
    assert result.error is None
    assert lines(result.out)[0].startswith(f"created    {SEEDS / '000_0dcf6ac655a67240.txt'}: article ")
    assert "published 2018-09-11 (folder manifest)" in result.out
    assert lines(result.out)[-1].startswith("1 file: 1 created, 0 unchanged, 0 updated, 0 needs a date, 0 failed")
    result = run(SEEDS)
    assert result.error is None
    assert lines(result.out)[0].startswith(f"unchanged  {SEEDS / '000_0dcf6ac655a67240.txt'}: same text as article ")
    article = Article.objects.get()
    assert "North Korea’s Kim asks Trump for another meeting in new letter" in article.body
    assert "“It was a very warm, very positive letter,” Sanders said at a briefing." in article.body
    assert "“a sign of good faith”" in article.body
    assert (article.outlet, article.credit, article.published_on) == ("Arab News", "Reuters", dt.date(2018, 9, 11))
    assert article.dateline == "WASHINGTON"
    body, parts = article.body, article.structure
    assert body[slice(*parts["captions"][0])].startswith("A combination photo shows")
    assert body[slice(*parts["bullets"][0])] == "• The timing of a second Trump-Kim meeting was unclear"
    assert body[slice(*parts["dateline"])] == "WASHINGTON: "
    # The seed's manifest carries notes the format does not know: said once per run, not fatal.
    assert "unknown keys encoding_note, published_evidence" in result.err


def test_folders_are_walked_recursively_with_manifests(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "sub" / "b.html", f"<html><body><article><h1>Talks</h1><p>{ARTICLE}</p></article></body></html>")
    write(
        tmp_path / "sub" / "deeper" / "c.htm",
        "<html><body><p>Ministers met in Rome for talks on trade, aides said.</p>",
    )
    write(tmp_path / "notes.md", "not an article type")
    write(tmp_path / ".hidden.txt", ARTICLE + "hidden")
    write(
        tmp_path / "manifest.json",
        json.dumps(
            {
                "a.txt": {
                    "outlet": "Gazette",
                    "published": "2019-03-04",
                    "url": "https://news.example/a",
                    "title": "A",
                },
                "sub/b.html": {"published": "2019-03-05", "credit": "AFP"},
            }
        ),
    )
    write(tmp_path / "sub" / "deeper" / "manifest.json", json.dumps({"c.htm": {"published": "6 March 2019"}}))
    result = run(tmp_path)
    assert result.error is None, result.out
    assert [line.split()[1] for line in lines(result.out)[:-1]] == ["created", "created", "created"]
    assert lines(result.out)[0].startswith("[1/3] created    ")
    a = Article.objects.get(source_name=str(tmp_path / "a.txt"))
    assert (a.outlet, a.url, a.title, a.published_on) == ("Gazette", "https://news.example/a", "A", dt.date(2019, 3, 4))
    b = Article.objects.get(source_name=str(tmp_path / "sub" / "b.html"))
    assert (b.credit, b.published_on, b.content_type) == ("AFP", dt.date(2019, 3, 5), "text/html")
    c = Article.objects.get(source_name=str(tmp_path / "sub" / "deeper" / "c.htm"))
    assert c.published_on == dt.date(2019, 3, 6)


def test_flags_apply_to_every_file_and_win_over_the_manifest(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "manifest.json", json.dumps({"a.txt": {"outlet": "Gazette", "published": "2019-03-04"}}))
    result = run(tmp_path, "--published", "2019-03-05", "--outlet", "Herald", "--credit", "AP")
    assert result.error is None
    article = Article.objects.get()
    assert (article.outlet, article.credit, article.published_on) == ("Herald", "AP", dt.date(2019, 3, 5))
    assert article.published_source == "flag"


def test_url_flag_names_one_file(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE.replace("Monday", "Tuesday"))
    result = run(tmp_path, "--url", "https://news.example/a")
    assert result.error is not None and "--url names one article" in str(result.error)
    assert Article.objects.count() == 0
    result = run(tmp_path / "a.txt", "--url", "https://news.example/a", "--published", "2019-03-04")
    assert result.error is None
    assert Article.objects.get().url == "https://news.example/a"


def test_a_bad_published_flag_is_refused_before_anything_is_read(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    result = run(tmp_path, "--published", "next Tuesday")
    assert "--published: 'next Tuesday' is not a date (expected YYYY-MM-DD)" in str(result.error)
    assert Article.objects.count() == 0


def test_manifest_warnings(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(
        tmp_path / "manifest.json",
        json.dumps(
            {
                "a.txt": {"outlet": "Gazette", "publisher": "?"},
                "../outside.txt": {"outlet": "Escapes"},
                "/etc/passwd": {"outlet": "Absolute"},
                "gone.txt": {"outlet": "Missing"},
                "b.txt": "not an object",
            }
        ),
    )
    result = run(tmp_path)
    assert result.error is None
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert any("'a.txt': unknown keys publisher" in w for w in warnings)
    assert any("'../outside.txt' is not a file name inside its folder" in w for w in warnings)
    assert any("'/etc/passwd' is not a file name inside its folder" in w for w in warnings)
    assert any("'gone.txt' is not in the folder" in w for w in warnings)
    assert any("'b.txt' should map to an object" in w for w in warnings)
    assert Article.objects.get().outlet == "Gazette"


def test_manifest_names_cannot_reach_outside_through_a_link(tmp_path):
    outside = write(tmp_path / "outside" / "secret.txt", ARTICLE)
    folder = tmp_path / "folder"
    write(folder / "a.txt", ARTICLE.replace("Monday", "Friday"))
    os.symlink(outside.parent, folder / "link")
    write(folder / "manifest.json", json.dumps({"link/secret.txt": {"outlet": "Escapes"}}))
    result = run(folder)
    assert "'link/secret.txt' is not a file name inside its folder" in result.err
    assert not Article.objects.filter(outlet="Escapes").exists()


def test_invalid_manifest_fails_its_files_and_writes_nothing(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE.replace("Monday", "Tuesday"))
    write(tmp_path / "manifest.json", '{"a.txt": {"outlet": "Gazette",}}')
    result = run(tmp_path)
    assert result.error is not None and str(result.error) == "2 of 2 failed"
    failed = [line for line in lines(result.out) if line.startswith("[") and " failed " in line]
    assert len(failed) == 2
    assert "manifest.json is not valid JSON (line 1, column 32: Expecting property name" in failed[0]
    assert Article.objects.count() == 0


def test_unparseable_date_in_the_manifest_fails_that_file(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE.replace("Monday", "Tuesday"))
    write(tmp_path / "manifest.json", json.dumps({"a.txt": {"published": "last Tuesday"}, "b.txt": {}}))
    result = run(tmp_path)
    assert result.error is not None
    reason = "manifest.json entry: published: 'last Tuesday' is not a date (expected YYYY-MM-DD)"
    assert f"a.txt: {reason}" in result.out
    assert "needs_date" in result.out, "b.txt has no date anywhere: stored, waiting for one"
    assert Article.objects.count() == 1


BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\n\t \n", "only whitespace, no text"),
    "nul.txt": (b"Envoys met in Geneva\x00\x00\x01 on Monday", "binary file: it contains NUL bytes"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file (a PNG image), not text"),
    "table.txt": (
        b"date,place,event\n2018-06-12,Singapore,summit\n2018-09-18,Pyongyang,summit\n2019-02-27,Hanoi,summit\n",
        "not an article: it looks like a table (comma-separated values), not prose",
    ),
    "dates.txt": (
        "\n".join((dt.date(1990, 1, 1) + dt.timedelta(days=n)).strftime("%d %B %Y") for n in range(10_000)).encode(),
        "not an article: it is a list of dates, not prose",
    ),
}


def test_bad_files_each_get_a_reason_and_no_rows(tmp_path, settings):
    for name, (content, _) in BAD_FILES.items():
        write(tmp_path / name, content)
    settings.INGEST_MAX_BYTES = 300_000
    write(tmp_path / "huge.txt", ARTICLE * 3000)
    result = run(tmp_path)
    assert str(result.error) == f"{len(BAD_FILES) + 1} of {len(BAD_FILES) + 1} failed"
    for name, (_, reason) in BAD_FILES.items():
        assert f"failed     {tmp_path / name}: {reason}" in result.out
    too_large = "too large: 0.5 MB, the limit is 0.3 MB (INGEST_MAX_BYTES)"
    assert f"failed     {tmp_path / 'huge.txt'}: {too_large}" in result.out
    assert "Traceback" not in result.out + result.err
    assert Article.objects.count() == 0


def test_missing_path_fails_and_others_go_on(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    result = run(tmp_path / "nope.txt", tmp_path / "a.txt", "--published", "2019-03-04")
    assert str(result.error) == "1 of 2 failed"
    assert "no such file or folder" in result.out
    assert Article.objects.count() == 1


def test_quiet_run_prints_only_failures_and_the_summary(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "empty.txt", b"")
    result = run(tmp_path, "--published", "2019-03-04", "--verbosity", "0")
    assert len(lines(result.out)) == 2
    assert "empty file" in lines(result.out)[0]
    assert lines(result.out)[1].startswith("2 files: 1 created")


def test_command_line_exit_status_and_no_traceback(tmp_path):
    """Run as a curator would: `manage.py ingest` exits 1 when a file fails, with one line per file."""
    write(tmp_path / "empty.txt", b"")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"failed     {tmp_path / 'empty.txt'}: empty file" in result.stdout
    assert "Traceback" not in result.stderr
    assert "1 of 1 failed" in result.stderr


def test_bin_serve_loads_the_seeds_with_the_ingest_command():
    serve = (ROOT / "bin" / "serve").read_text()
    assert "manage.py ingest seeds/" in serve
    assert serve.index("migrate") < serve.index("manage.py ingest seeds/") < serve.index("runserver")


@pytest.mark.shared
def test_dev_articles_ingest_with_their_manifest(tmp_path):
    from tests.conftest import SHARED

    shutil.copytree(SHARED / "dev-articles", tmp_path / "dev", ignore=shutil.ignore_patterns("*.expected.json"))
    result = run(tmp_path / "dev")
    assert result.error is None, result.out
    assert Article.objects.count() == 4
    assert not Article.objects.filter(published_on__isnull=True).exists()
