"""The web page in a real browser: Debian's headless Chromium driven by Playwright.

Pastes the founding example, clicks Compare (matching by meaning too, for the
summarised lead) and checks that each of the four annotated passages is highlighted
in the derived text. A screenshot is kept in ``test-artifacts/`` beside the clone's
tests (or in ``$TEXTREUSE_TEST_ARTIFACTS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from browsing import ARTIFACTS, CHROMIUM, FLAGS, require_browser

sync_api = require_browser()
pytest.importorskip("sentence_transformers")

# Code-point ranges of the <mark> elements in the derived column, measured in the page,
# and the column's text without the passage numbers.
HIGHLIGHTED_RANGES = """
() => {
  const column = document.querySelector('#docs .doc-text');
  const ranges = [];
  let offset = 0;
  let text = '';
  const walk = (node, marked) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const length = Array.from(node.textContent).length;
      if (marked) ranges.push([offset, offset + length]);
      offset += length;
      text += node.textContent;
      return;
    }
    if (node.tagName === 'SUP') return;  // the passage number is not document text
    for (const child of node.childNodes) walk(child, marked || node.tagName === 'MARK');
  };
  walk(column, false);
  return {ranges, text};
}
"""


def test_pasting_the_founding_example_highlights_its_four_passages(
    start_server: Callable[..., str], seeds_dir: Path
) -> None:
    url = start_server("--timeout", "300")
    derived = (seeds_dir / "derived-blog.txt").read_text(encoding="utf-8")
    source = (seeds_dir / "source-bbc.txt").read_text(encoding="utf-8")
    annotation = (seeds_dir / "derived-blog-source-bbc.xml").read_text(encoding="utf-8")
    expected = [
        (int(start), int(start) + int(length))
        for start, length in re.findall(r'this_offset="(\d+)" this_length="(\d+)"', annotation)
    ]
    assert len(expected) == 4
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url)
        page.fill("#derived", derived)
        page.fill("#source", source)
        page.check("#compare-semantic")
        page.click("#compare")
        page.wait_for_selector("#docs mark", timeout=240_000)
        shown = page.evaluate(HIGHLIGHTED_RANGES)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(ARTIFACTS / "browser-compare-founding-example.png"), full_page=True
        )
        browser.close()
    assert all(request.startswith(url) for request in requests)  # nothing from elsewhere
    highlighted = set()
    assert shown["text"] == derived  # the offsets below are the document's own
    for start, end in shown["ranges"]:
        highlighted.update(range(start, end))
    for start, end in expected:
        share = len(highlighted & set(range(start, end))) / (end - start)
        assert share >= 0.6, f"passage [{start}:{end}) is only {share:.0%} highlighted"
    assert not {offset for offset in highlighted if offset >= 1045}  # other outlets' text
