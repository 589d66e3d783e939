"""The command line as a pipeline sees it (issue 15): one document against several
sources, every output format, --output, --fail-over, --encoding, web addresses and
a narrow terminal."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHARED
from textreuse.cli import main
from textreuse.render.schema import ROW_FIELDS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BLOG = str(EXAMPLES / "blog-post.txt")
STORY = str(EXAMPLES / "agency-story.txt")
BBC = SHARED / "data" / "bbc-news-2225" / "bbc"
METER = SHARED / "data" / "meter-corpus" / "meter_corpus"
METER_STORY = METER / "newspapers/rawtexts/courts/01.03.00/diver/diver396_guardian.txt"
METER_WIRE = METER / "PA/rawtexts/courts/01.03.00/diver/diver1.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _unrelated(tmp_path: Path) -> list[str]:
    """Two news stories with nothing of the examples in them, written here."""
    stories = {
        "rail.txt": "The regional rail operator said on Friday that weekend services "
        "between the two cities would be replaced by buses while engineers renew the "
        "signalling, the third closure this year. Commuter groups called the timing poor.",
        "chess.txt": "A sixteen-year-old from the valley won the national chess "
        "championship on Sunday after a tense final game that lasted almost six hours, "
        "becoming the youngest winner in the tournament's ninety-year history.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in stories]


def test_one_document_against_several_sources_attributes_to_the_right_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    run = runner.invoke(main, ["compare", BLOG, *_unrelated(tmp_path), STORY, "--format", "json"])
    assert run.exit_code == 0, run.output
    result = json.loads(run.stdout)
    assert result["schema"] == "textreuse/query-report"
    assert [source["id"] for source in result["sources"]] == [STORY]
    assert result["aligned"] == 3
    assert {a["rank"] for a in result["attributed"]} == {1}
    assert len(result["sources"][0]["passages"]) == 3


def test_sources_from_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    _unrelated(tmp_path)
    (tmp_path / "story.txt").write_text(Path(STORY).read_text(encoding="utf-8"), encoding="utf-8")
    run = runner.invoke(main, ["compare", BLOG, "--sources", str(tmp_path), "--format", "json"])
    assert run.exit_code == 0, run.output
    assert [s["id"] for s in json.loads(run.stdout)["sources"]] == ["story.txt"]
    assert runner.invoke(main, ["compare", BLOG]).exit_code == 2  # no source at all


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc-news-2225 is not there")
def test_the_founding_example_against_the_bbc_and_two_unrelated_articles(
    runner: CliRunner, seeds_dir: Path
) -> None:
    sources = [seeds_dir / "source-bbc.txt", BBC / "politics/001.txt", BBC / "tech/001.txt"]
    run = runner.invoke(
        main,
        ["compare", str(seeds_dir / "derived-blog.txt"), *map(str, sources), "--format", "json"],
    )
    result = json.loads(run.stdout)
    assert [s["id"] for s in result["sources"]] == [str(sources[0])]
    assert len(result["sources"][0]["passages"]) == 3


@pytest.mark.parametrize("command", ["compare", "query"])
def test_every_format_carries_the_same_passages(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    if command == "query":
        archive = str(tmp_path / "a.db")
        assert runner.invoke(main, ["index", "add", archive, STORY]).exit_code == 0
        args = ["query", archive, BLOG]
    else:
        args = ["compare", BLOG, STORY]
    outputs = {}
    for output_format in ("table", "json", "jsonl", "csv"):
        run = runner.invoke(main, [*args, "--format", output_format])
        assert run.exit_code == 0, run.output
        outputs[output_format] = run.stdout
    rows = [json.loads(line) for line in outputs["jsonl"].splitlines()]
    assert len(rows) == 3 and list(rows[0]) == list(ROW_FIELDS)
    blog = Path(BLOG).read_text(encoding="utf-8")
    for row in rows:
        assert blog[row["derived_start"] : row["derived_end"]] == row["derived_text"]
    table = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert [r["derived_text"] for r in table] == [r["derived_text"] for r in rows]
    report = json.loads(outputs["json"])
    passages = report["passages"] if command == "compare" else report["sources"][0]["passages"]
    assert [p["type"] for p in passages] == [r["type"] for r in rows]
    assert "near-verbatim" in outputs["table"] and "{" not in outputs["table"]


def test_include_text_and_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run = runner.invoke(
        main, ["compare", BLOG, STORY, "--format", "json", "--include-text", "--output", target]
    )
    assert run.exit_code == 0, run.output
    assert run.stdout == ""  # the results went to the file, and only there
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["derived"]["text"] == Path(BLOG).read_text(encoding="utf-8")
    plain = json.loads(runner.invoke(main, ["compare", BLOG, STORY, "--format", "json"]).stdout)
    assert "text" not in plain["derived"]
    csv_file = tmp_path / "rows.csv"
    runner.invoke(main, ["compare", BLOG, STORY, "--format", "csv", "--output", csv_file])
    assert csv_file.read_bytes().count(b"\r\n") >= 4  # RFC 4180 line ends kept as written
    missing = runner.invoke(main, ["compare", BLOG, STORY, "--output", tmp_path / "no/r.txt"])
    assert missing.exit_code == 1 and "no folder" in missing.output


def test_fail_over_gates_a_pipeline(runner: CliRunner, tmp_path: Path) -> None:
    over = runner.invoke(main, ["compare", BLOG, STORY, "--fail-over", "30"])
    assert over.exit_code == 3
    assert "49.0% reused, over --fail-over 30%" in over.stderr
    assert "verbatim" in over.stdout  # the results are still printed
    assert runner.invoke(main, ["compare", BLOG, STORY, "--fail-over", "60"]).exit_code == 0
    archive = str(tmp_path / "a.db")
    runner.invoke(main, ["index", "add", archive, STORY])
    assert runner.invoke(main, ["query", archive, BLOG, "--fail-over", "10"]).exit_code == 3
    unrelated = _unrelated(tmp_path)[0]
    assert runner.invoke(main, ["compare", unrelated, STORY, "--fail-over", "0"]).exit_code == 0


@pytest.mark.skipif(not METER_STORY.is_file(), reason="../shared/data/meter-corpus is not there")
def test_a_cp1252_newspaper_story_is_read_as_named_or_detected(runner: CliRunner) -> None:
    raw = METER_STORY.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    texts = []
    for extra in (["--encoding", "cp1252"], []):
        run = runner.invoke(
            main,
            [
                "compare",
                str(METER_STORY),
                str(METER_WIRE),
                "--format",
                "json",
                "--include-text",
                *extra,
            ],
        )
        assert run.exit_code == 0, run.output
        report = json.loads(run.stdout)
        assert report["passages"]
        texts.append(report["derived"]["text"])
    assert texts[0] == texts[1] == raw.decode("cp1252") and "£" in texts[0]
    wrong = runner.invoke(
        main, ["compare", str(METER_STORY), str(METER_WIRE), "--encoding", "utf-8"]
    )
    assert wrong.exit_code == 1 and "not valid utf-8" in wrong.output


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: object) -> None:
        return


@pytest.fixture
def examples_site() -> Iterator[str]:
    """The examples folder served over HTTP on loopback."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(EXAMPLES)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_documents_given_as_web_addresses(runner: CliRunner, examples_site: str) -> None:
    url = f"{examples_site}/agency-story.txt"
    run = runner.invoke(main, ["compare", BLOG, url, "--format", "json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert report["source"]["name"] == url and len(report["passages"]) == 3
    gone = runner.invoke(main, ["compare", BLOG, f"{examples_site}/missing.txt"])
    assert gone.exit_code == 1 and "HTTP 404" in gone.output and "Traceback" not in gone.output


def test_an_80_column_terminal_gets_stacked_rows_that_fit(runner: CliRunner) -> None:
    run = runner.invoke(main, ["compare", BLOG, STORY], env={"COLUMNS": "80"})
    lines = run.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert len(lines) <= 15  # 3 passages, three lines each, and the header
    assert any(line.startswith("1. verbatim 1.00") for line in lines)
    wide = runner.invoke(main, ["compare", BLOG, STORY], env={"COLUMNS": "160"})
    assert "similarity" in wide.stdout and max(map(len, wide.stdout.splitlines())) <= 160
    piped = runner.invoke(main, ["compare", BLOG, STORY], env={"COLUMNS": ""})
    assert piped.stdout == runner.invoke(main, ["compare", BLOG, STORY], env={"COLUMNS": ""}).stdout
    assert all(line == line.rstrip() for line in piped.stdout.splitlines())


def test_summaries_take_format_and_keep_the_json_alias(runner: CliRunner, tmp_path: Path) -> None:
    archive = str(tmp_path / "a.db")
    runner.invoke(main, ["index", "add", archive, STORY])
    by_format = runner.invoke(main, ["index", "stats", archive, "--format", "json"])
    by_alias = runner.invoke(main, ["index", "stats", archive, "--json"])
    assert json.loads(by_format.stdout) == json.loads(by_alias.stdout)
    assert json.loads(by_format.stdout)["documents"] == 1
