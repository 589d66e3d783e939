"""The web service, tested as a user meets it: a real server process on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import hypothesis
import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
BLOG = (ROOT / "examples" / "blog-post.txt").read_text(encoding="utf-8")
STORY = (ROOT / "examples" / "agency-story.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(start_server: Callable[..., str]) -> str:
    return start_server("--max-body-bytes", "300000", "--max-documents", "3")


def test_health_says_ok_and_counts_the_archive(server: str) -> None:
    health = httpx.get(f"{server}/health").json()
    assert health["status"] == "ok" and isinstance(health["archive_documents"], int)


def test_compare_returns_the_report_with_offsets_that_slice_the_texts(server: str) -> None:
    response = httpx.post(
        f"{server}/compare",
        json={"derived": {"text": BLOG, "name": "blog"}, "source": {"text": STORY}},
        timeout=30,
    )
    assert response.status_code == 200
    report = response.json()
    assert report["schema"] == "textreuse/compare-report" and report["derived"]["name"] == "blog"
    assert {p["type"] for p in report["passages"]} >= {"verbatim", "near-verbatim"}
    for passage in report["passages"]:
        derived, source = passage["derived"], passage["source"]
        assert BLOG[derived["start"] : derived["end"]] == derived["text"]
        assert STORY[source["start"] : source["end"]] == source["text"]


def test_compare_takes_html_pages(server: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BLOG.split("\n\n"))
    page = f"<html><body><nav>Home | About</nav><article>{paragraphs}</article></body></html>"
    report = httpx.post(
        f"{server}/compare",
        json={"derived": {"html": page}, "source": {"text": STORY}, "include_text": True},
        timeout=30,
    ).json()
    text = report["derived"]["text"]
    assert "Home | About" not in text and report["passages"]
    for passage in report["passages"]:
        assert (
            text[passage["derived"]["start"] : passage["derived"]["end"]]
            == passage["derived"]["text"]
        )


def test_documents_can_be_added_queried_and_removed(server: str) -> None:
    added = httpx.post(
        f"{server}/documents",
        json={"documents": [{"id": "wire/story 1", "text": STORY, "date": "2024-01-01"}]},
    )
    assert added.status_code == 200 and added.json()["added"] == 1
    result = httpx.post(f"{server}/query", json={"text": BLOG, "date": "2024-02-01"}, timeout=30)
    sources = result.json()["sources"]
    assert [s["id"] for s in sources] == ["wire/story 1"] and sources[0]["first"] == "source"
    assert httpx.delete(f"{server}/documents/wire/story 1").status_code == 204
    missing = httpx.delete(f"{server}/documents/wire/story 1")
    assert missing.status_code == 404 and "wire/story 1" in missing.json()["detail"]
    assert httpx.post(f"{server}/query", json={"text": BLOG}).json()["sources"] == []


def test_a_stored_document_can_be_read_back(server: str, tmp_path: Path) -> None:
    record = {"id": "wire/a b", "text": STORY, "title": "Harbour", "url": "https://x.example/a"}
    httpx.post(f"{server}/documents", json={"documents": [record]}).raise_for_status()
    stored = httpx.get(f"{server}/documents/wire/a b").json()
    assert stored["text"] == STORY and stored["length"] == len(STORY)
    assert (stored["title"], stored["url"], stored["date"]) == ("Harbour", record["url"], None)
    assert httpx.get(f"{server}/documents/nothing").status_code == 404
    httpx.delete(f"{server}/documents/wire/a b")
    # A document stored by 'index add' may be longer than the server gives out.
    from fastapi.testclient import TestClient

    from textreuse.archive import Archive
    from textreuse.model import Record
    from textreuse.service.app import create_app
    from textreuse.service.limits import Limits

    archive = tmp_path / "a.db"
    with Archive.open(archive) as store:
        store.add([Record("long", STORY)])
    app = create_app(archive, Limits(max_text_chars=100, workers=1), allowed_hosts=["*"])
    with TestClient(app) as client:
        too_long = client.get("/documents/long")
    assert too_long.status_code == 413 and "over the 100 limit" in too_long.json()["detail"]


def test_compare_against_several_sources_attributes_each_passage(server: str) -> None:
    unrelated = "The chess championship final lasted almost six hours on Sunday. " * 4
    response = httpx.post(
        f"{server}/compare",
        json={
            "derived": {"text": BLOG},
            "sources": [{"text": unrelated, "name": "chess"}, {"text": STORY, "name": "wire"}],
        },
        timeout=30,
    )
    result = response.json()
    assert result["schema"] == "textreuse/query-report" and result["aligned"] == 2
    assert [s["id"] for s in result["sources"]] == ["wire"]
    assert {a["rank"] for a in result["attributed"]} == {1}
    both = {"derived": {"text": BLOG}, "source": {"text": STORY}, "sources": [{"text": STORY}]}
    assert (
        "exactly one of 'source' and 'sources'"
        in httpx.post(f"{server}/compare", json=both).json()["detail"]
    )


def test_health_says_what_the_server_can_do(
    start_server: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from fastapi.testclient import TestClient

    import textreuse.service.app as service_app
    from textreuse.errors import SemanticUnavailable

    health = httpx.get(f"{start_server()}/health").json()
    assert health["semantic"] is (importlib.util.find_spec("sentence_transformers") is not None)

    def missing() -> None:
        raise SemanticUnavailable("no torch")

    monkeypatch.setattr(service_app, "require_semantic", missing)
    with TestClient(service_app.create_app(None, allowed_hosts=["*"])) as client:
        without = client.get("/health").json()
        page = client.get("/").text
    assert without["semantic"] is False and without["archive_documents"] is None
    # The page reads these two and hides the options the server cannot serve.
    assert "health.semantic" in page and "health.archive_documents === null" in page


@pytest.mark.parametrize(
    ("path", "body", "status", "message"),
    [
        ("/compare", b"{not json", 422, "JSON"),
        ("/compare", b"\x89PNG\r\n\x1a\n\x00\x00", 400, "parsing the body"),
        ("/compare", {"derived": {"text": "a"}}, 422, "source"),
        (
            "/compare",
            {"derived": {"text": "\x00\x01\x02\x03" * 50}, "source": {"text": "x"}},
            422,
            "binary",
        ),
        (
            "/compare",
            {"derived": {"text": "a", "html": "<p>a</p>"}, "source": {"text": "b"}},
            422,
            "exactly one",
        ),
        ("/compare", {"derived": {"text": "x" * 400_000}, "source": {"text": "y"}}, 413, "limit"),
        (
            "/documents",
            {"documents": [{"id": str(n), "text": "t"} for n in range(4)]},
            422,
            "limit",
        ),
        ("/documents", {"documents": [{"id": "a", "text": "t", "date": "soon"}]}, 422, "ISO 8601"),
        ("/query", {"text": "   "}, 422, "empty"),
    ],
)
def test_bad_requests_get_clear_4xx_errors(
    server: str, path: str, body: object, status: int, message: str
) -> None:
    if isinstance(body, bytes):
        response = httpx.post(
            f"{server}{path}", content=body, headers={"content-type": "application/json"}
        )
    else:
        response = httpx.post(f"{server}{path}", json=body)
    assert response.status_code == status
    assert message in str(response.json()["detail"])


def test_a_body_without_a_length_is_still_limited(server: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"derived": {"text": "'
        for _ in range(40):
            yield b"x" * 10_000
        yield b'"}, "source": {"text": "y"}}'

    response = httpx.post(
        f"{server}/compare", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_no_file_is_served_by_a_path_in_the_request(server: str) -> None:
    for path in (
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/templates/app.html",
        "/static/../pyproject.toml",
    ):
        response = httpx.get(f"{server}{path}")
        assert response.status_code == 404
        assert "root:" not in response.text and "[project]" not in response.text


def test_slow_work_is_stopped_with_408(start_server: Callable[..., str]) -> None:
    url = start_server("--timeout", "0.1")
    text = " ".join(
        f"Sentence number {n} talks about the harbour budget and its ferry." for n in range(3000)
    )
    response = httpx.post(
        f"{url}/compare",
        json={"derived": {"text": text}, "source": {"text": text[::-1]}},
        timeout=60,
    )
    assert response.status_code == 408 and "limit" in response.json()["detail"]


def test_the_page_is_self_contained(server: str) -> None:
    response = httpx.get(server)
    assert response.status_code == 200 and "<textarea" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "http://" not in response.text and "https://" not in response.text  # no CDN


def test_the_api_never_fails_on_inputs_from_its_schema(server: str) -> None:
    """Property-based tests generated from the OpenAPI schema (schemathesis): whatever a
    client sends that the schema allows, and much that it does not, the answer is never
    a server error and always conforms to the schema.

    One check is left out: that every request the schema allows is accepted. The
    server also refuses content that a JSON schema cannot describe (binary text, a
    page without main text, both or neither of ``text`` and ``html``), with 422.
    """
    schemathesis = pytest.importorskip("schemathesis")
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {
        "POST /compare",
        "POST /query",
        "POST /documents",
        "DELETE /documents/{document_id}",
        "GET /health",
    }
    for operation in operations:

        @hypothesis.settings(
            max_examples=30,
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        @hypothesis.given(case=operation.as_strategy())
        def check(case: object) -> None:
            case.call_and_validate(
                base_url=server,
                timeout=60,
                excluded_checks=[schemathesis.checks.positive_data_acceptance],
            )

        check()
