"""The command line: output a person or a program can rely on, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

import textreuse
from textreuse.cli import main

ROOT = Path(__file__).resolve().parents[1]
BLOG = ROOT / "examples" / "blog-post.txt"
STORY = ROOT / "examples" / "agency-story.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_compare_prints_a_table_with_coverage(runner: CliRunner) -> None:
    result = runner.invoke(main, ["compare", str(BLOG), str(STORY)])
    assert result.exit_code == 0, result.output
    assert "% reused" in result.stdout
    assert "verbatim" in result.stdout and "near-verbatim" in result.stdout


def test_compare_json_is_clean_and_its_offsets_slice_the_inputs(runner: CliRunner) -> None:
    result = runner.invoke(main, ["compare", str(BLOG), str(STORY), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # nothing but JSON on standard output
    blog, story = BLOG.read_text(encoding="utf-8"), STORY.read_text(encoding="utf-8")
    assert report["passages"]
    for passage in report["passages"]:
        derived, source = passage["derived"], passage["source"]
        assert blog[derived["start"] : derived["end"]] == derived["text"]
        assert story[source["start"] : source["end"]] == source["text"]
    assert 0 < report["derived"]["coverage"] < 1


def test_compare_writes_a_self_contained_html_report(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["compare", str(BLOG), str(STORY), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "The Westmere harbour authority voted on Monday" in page
    assert 'src="http' not in page and 'href="http' not in page


def test_compare_reads_one_side_from_standard_input(runner: CliRunner) -> None:
    blog = BLOG.read_text(encoding="utf-8")
    result = runner.invoke(main, ["compare", "-", str(STORY), "--format", "json"], input=blog)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["derived"]["name"] == "<stdin>"


def test_both_sides_from_standard_input_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["compare", "-", "-"])
    assert result.exit_code == 2
    assert "only one document can be read from standard input" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty document"), (b"\x00\x01\x02binary", "looks binary"), (b"\xff\xfe\xfa", "UTF")],
)
def test_bad_input_is_a_one_line_error(
    runner: CliRunner, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(main, ["compare", str(bad), str(STORY)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {bad}:") and message in line


def test_missing_file_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["compare", str(tmp_path / "gone.txt"), str(STORY)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'gone.txt'}: no such file"


def test_a_word_repeated_a_million_times_gets_an_answer(runner: CliRunner, tmp_path: Path) -> None:
    repeated = tmp_path / "repeated.txt"
    repeated.write_text("forces " * 1_000_000)
    result = runner.invoke(main, ["compare", str(repeated), str(repeated), "--format", "json"])
    assert result.exit_code == 0, result.output
    [passage] = json.loads(result.stdout)["passages"]
    assert passage["type"] == "verbatim"
    assert (passage["derived"]["start"], passage["derived"]["end"]) == (0, 7_000_000 - 1)


def test_eval_prints_scores_per_subcorpus(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for folder in ("susp", "src", "02-copy"):
        (corpus / folder).mkdir(parents=True)
    story = STORY.read_text(encoding="utf-8")
    blog = BLOG.read_text(encoding="utf-8")
    (corpus / "susp" / "blog.txt").write_text(blog, encoding="utf-8")
    (corpus / "src" / "story.txt").write_text(story, encoding="utf-8")
    (corpus / "pairs").write_text("blog.txt story.txt\n")
    (corpus / "02-copy" / "pairs").write_text("blog.txt story.txt\n")
    start = blog.index("The Westmere harbour authority")
    source_start = story.index("The Westmere harbour authority")
    length = len("The Westmere harbour authority voted on Monday")
    (corpus / "02-copy" / "blog-story.xml").write_text(
        f'<document reference="blog.txt"><feature name="plagiarism" obfuscation="none" '
        f'this_offset="{start}" this_length="{length}" source_reference="story.txt" '
        f'source_offset="{source_start}" source_length="{length}"/></document>'
    )
    table = runner.invoke(main, ["eval", str(corpus), "--workers", "1"])
    assert table.exit_code == 0, table.output
    assert "02-copy" in table.stdout and "plagdet" in table.stdout
    as_json = runner.invoke(main, ["eval", str(corpus), "--workers", "1", "--json"])
    scores = json.loads(as_json.stdout)
    assert scores["by_subcorpus"]["02-copy"]["recall"] == 1.0


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = [([name], command) for name, command in main.commands.items()]
    for path, command in commands:
        commands += [([*path, name], sub) for name, sub in getattr(command, "commands", {}).items()]
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, path
        assert command.help


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert textreuse.__version__ in result.output


def test_public_names_are_all_declared() -> None:
    public = {
        name
        for name in dir(textreuse)
        if not name.startswith("_") and not isinstance(getattr(textreuse, name), ModuleType)
    }
    assert public == set(textreuse.__all__) - {"__version__"}
    assert textreuse.__all__ == sorted(textreuse.__all__)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert f"```sh\n{command}\n```" in readme


NEWS = ROOT / "tests" / "fixtures" / "news"


def test_index_add_stats_query_and_remove(runner: CliRunner, tmp_path: Path) -> None:
    archive = tmp_path / "news.db"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "extra", "text": "A short extra story.", "date": "2024-01-05"}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["index", "add", str(archive), str(NEWS), str(feed)])
    assert result.exit_code == 0, result.output
    assert "6 added, 0 updated" in result.stderr and result.stdout == ""
    stats = json.loads(runner.invoke(main, ["index", "stats", str(archive), "--json"]).stdout)
    assert stats["documents"] == 6 and stats["latest_date"] == "2024-01-05"

    query = tmp_path / "post.txt"
    orchard = (NEWS / "orchard.txt").read_text(encoding="utf-8")
    query.write_text("A note from the editor.\n\n" + orchard.split("\n\n", 1)[1], encoding="utf-8")
    html = tmp_path / "sources.html"
    result = runner.invoke(
        main, ["query", str(archive), str(query), "--format", "json", "--html", str(html)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["id"] for s in report["sources"]] == ["orchard.txt"]
    text = query.read_text(encoding="utf-8")
    for passage in report["sources"][0]["passages"]:
        assert (
            text[passage["derived"]["start"] : passage["derived"]["end"]]
            == passage["derived"]["text"]
        )
    assert "orchard.txt" in html.read_text(encoding="utf-8")

    table = runner.invoke(main, ["query", str(archive), str(query)])
    assert "orchard.txt" in table.stdout and "reused from 1 source" in table.stdout

    result = runner.invoke(main, ["index", "remove", str(archive), "orchard.txt", "nope"])
    assert result.exit_code == 0 and "1 removed, 1 not found" in result.stderr
    result = runner.invoke(main, ["query", str(archive), str(query), "--format", "json"])
    assert json.loads(result.stdout)["sources"] == []
    assert runner.invoke(main, ["index", "check", str(archive)]).exit_code == 0


def test_index_errors_are_one_line_messages(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "feed.jsonl"
    bad.write_text('{"id": "a", "text": "fine"}\n{"id": "b"}\n', encoding="utf-8")
    result = runner.invoke(main, ["index", "add", str(tmp_path / "a.db"), str(bad)])
    assert result.exit_code == 1
    assert "feed.jsonl:2: record b has no 'text'" in result.stderr
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["query", str(tmp_path / "none.db"), str(BLOG)])
    assert result.exit_code == 1 and "none.db: no such archive" in result.stderr


def test_compare_takes_a_language_and_refuses_a_bad_one(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "languages" / "zh.txt"
    a, b, c, d, _ = fixture.read_text(encoding="utf-8").split("\n\n")
    derived, source = tmp_path / "derived.txt", tmp_path / "source.txt"
    derived.write_text("".join([d, b, c]), encoding="utf-8")
    source.write_text("".join([a, b, c]), encoding="utf-8")
    good = CliRunner().invoke(
        main, ["compare", str(derived), str(source), "--language", "zh", "--format", "json"]
    )
    assert good.exit_code == 0, good.output
    assert json.loads(good.stdout)["passages"]
    bad = CliRunner().invoke(main, ["compare", str(derived), str(source), "--language", "ZH!"])
    assert bad.exit_code == 1
    assert "AlignSettings.language must be an ISO 639-1 code" in bad.output


def test_version_loads_neither_scipy_nor_jinja2_nor_the_aligner() -> None:
    """Issue 17: `textreuse --version` paid for every part (0.45 s); the parts now load
    with the commands that use them, numpy and the text package too (the option
    defaults come from light modules)."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "textreuse", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0 and run.stdout.startswith("textreuse, version")
    loaded = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()}
    stages = {"pipeline", "vectors", "seeds", "extend", "grow", "passages", "prepare", "pair"}
    assert not {"numpy", "scipy", "jinja2", "rich", "torch", "pyspark"} & loaded
    assert not {"textreuse.text", "textreuse.fingerprint.hashing"} & loaded
    assert not {f"textreuse.aligner.{stage}" for stage in stages} & loaded
