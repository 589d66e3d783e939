"""What an editor sees (issue 15), in a real browser: one document against several
sources on the web page, the best source shown where sources overlap, and the words
a near-verbatim passage changed. Screenshots are kept in ``test-artifacts/``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from browsing import browser_page, require_browser, screenshot
from conftest import SHARED

require_browser()
BBC = SHARED / "data" / "bbc-news-2225" / "bbc"
UNRELATED = [BBC / "politics" / "001.txt", BBC / "tech" / "001.txt"]

# The shown passages: one entry per passage key, with its label and type.
SHOWN_PASSAGES = """
() => Array.from(document.querySelectorAll('#docs .doc-text mark[id]')).map(mark => ({
  key: mark.dataset.key,
  type: mark.className.replace('t-', '').replace(' active', ''),
  label: mark.querySelector('sup') ? mark.querySelector('sup').textContent : ''
}))
"""


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("semantic", [False, True], ids=["lexical", "semantic"])
def test_the_founding_example_against_the_bbc_and_two_unrelated_articles(
    start_server: Callable[..., str], seeds_dir: Path, semantic: bool
) -> None:
    if not BBC.is_dir():
        pytest.skip(f"{BBC} is not there")
    if semantic:
        pytest.importorskip("sentence_transformers")
    url = start_server("--timeout", "300")
    with browser_page() as page:
        page.goto(url)
        page.fill("#derived", _read(seeds_dir / "derived-blog.txt"))
        page.fill("#source", _read(seeds_dir / "source-bbc.txt"))
        for number, article in enumerate(UNRELATED, 2):
            page.click("#add-source")
            page.fill(f"#source-{number}", _read(article))
        if semantic:
            page.check("#compare-semantic")
        page.click("#compare")
        page.wait_for_selector("#docs mark", timeout=240_000)
        shown = page.evaluate(SHOWN_PASSAGES)
        sources = page.locator("#sources tbody tr").all_inner_texts()
        screenshot(page, f"browser-three-sources-{'semantic' if semantic else 'lexical'}.png")
    assert len(sources) == 1 and "source 1" in sources[0]  # the BBC article, nothing else
    assert {passage["key"][:2] for passage in shown} == {"r1"}
    assert len(shown) == (4 if semantic else 3)
    assert all(passage["label"].startswith("source 1 · ") for passage in shown)


STORY = (
    "The council approved a new budget for road repairs on Tuesday evening. "
    "Work on the northern bypass will begin in the spring and last two years. "
    "Residents asked for more cycle lanes and better lighting near schools. "
)
QUOTE = (
    "The mayor said the plan would cut journey times across the city by a fifth, "
    "and that the first contracts would be signed before the summer holidays begin."
)
# The top source also carries the quote, reworded: its passage overlaps the copy.
REWORDED = (
    "The mayor told reporters the plan would reduce journey times in the city by a fifth, "
    "and that first contracts should be signed before the holidays."
)


def test_a_planted_copy_of_a_lower_ranked_source_shows_as_verbatim_from_it(
    start_server: Callable[..., str],
) -> None:
    url = start_server()
    documents = [
        {"id": "main", "text": STORY * 3 + REWORDED},
        {"id": "quote", "text": QUOTE},
    ]
    httpx.post(f"{url}/documents", json={"documents": documents}).raise_for_status()
    answer = httpx.post(f"{url}/query", json={"text": STORY * 3 + QUOTE}, timeout=60).json()
    top = answer["sources"][0]
    assert top["id"] == "main"
    assert top["passages"][0]["derived"]["end"] > len(STORY * 3) + 20  # over the quote
    with browser_page() as page:
        page.goto(url)
        page.click("#tab-query")
        page.fill("#query-text", STORY * 3 + QUOTE)
        page.click("#query")
        page.wait_for_selector("#docs mark", timeout=60_000)
        ranks = page.locator("#sources tbody tr").all_inner_texts()
        quote_mark = page.locator("#docs .doc-text mark", has_text="first contracts").first
        quote_class = quote_mark.get_attribute("class")
        quote_mark.click()
        beside = page.locator("#docs article").nth(1).inner_text()
        screenshot(page, "browser-query-planted-copy.png")
    rank_of_quote = next(row.split()[0] for row in ranks if "quote" in row)
    assert rank_of_quote == "2"
    assert quote_class is not None and "t-verbatim" in quote_class
    assert "Source 2: quote" in beside and QUOTE in beside  # its passage shown beside


def test_the_word_changes_of_the_near_verbatim_seed_passage_are_marked(
    start_server: Callable[..., str], seeds_dir: Path, tmp_path: Path
) -> None:
    derived, source = seeds_dir / "derived-blog.txt", seeds_dir / "source-bbc.txt"
    url = start_server()
    with browser_page() as page:
        page.goto(url)
        page.fill("#derived", _read(derived))
        page.fill("#source", _read(source))
        page.click("#compare")
        page.wait_for_selector("#passages .passage", timeout=60_000)
        near = page.locator("#passages .passage", has_text="near-verbatim").first
        on_page = (near.locator("del").all_inner_texts(), near.locator("ins").all_inner_texts())
        source_scroll = page.evaluate("document.querySelectorAll('#docs .doc-text')[1].scrollTop")
        legend = page.locator("#legend li:visible").all_inner_texts()
        screenshot(page, "browser-compare-word-changes.png")
        report = tmp_path / "report.html"
        subprocess.run(
            [sys.executable, "-m", "textreuse", "compare", derived, source, "--html", report],
            check=True,
            capture_output=True,
        )
        page.goto(report.as_uri())
        near_row = "tr:has(.chip.t-near-verbatim) + tr.diff-row"
        in_report = (
            page.locator(f"{near_row} del").all_inner_texts(),
            page.locator(f"{near_row} ins").all_inner_texts(),
        )
        screenshot(page, "report-word-changes.png")
    assert on_page == in_report == (["operators"], ["operation personnel"])
    assert source_scroll > 0  # the source column opens where the first passage came from
    assert not any(item.startswith("summary") for item in legend)  # lexical: no summary
    assert json.loads(httpx.get(f"{url}/health").text)["semantic"] in (True, False)
