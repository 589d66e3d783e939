"""The HTTP API and web page: ``textreuse serve``, a thin layer over the library.

Endpoints (JSON in and out, documented by the OpenAPI schema at ``/openapi.json``):

* ``POST /compare``: two texts or HTML pages; the compare report;
* ``POST /query``: a text against the archive; the query report;
* ``POST /documents`` and ``DELETE /documents/{id}``: archive maintenance;
* ``GET /health``; ``GET /``: the web page.

Limits keep one request from taking the server down: a body larger than
``max_body_bytes`` is refused with 413 before it is read whole, a text longer than
``max_text_chars`` or a batch of more than ``max_documents`` with 422, and work that
takes longer than ``timeout_seconds`` is answered with 408. Nothing is ever read from
the server's disk by a name or path given in a request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from textreuse import __version__
from textreuse.alignment import AlignSettings
from textreuse.archive import Archive
from textreuse.comparison import compare
from textreuse.documents import document_from_bytes
from textreuse.errors import TextReuseError
from textreuse.limits import Limits
from textreuse.model import Document
from textreuse.query import DEFAULT_CANDIDATES, DEFAULT_TOP, find_sources
from textreuse.records import Record, parse_date
from textreuse.render import query_to_dict, report_to_dict

T = TypeVar("T")


class TextIn(BaseModel):
    """A document: plain ``text``, or an HTML page in ``html`` whose main text is used."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Plain text; offsets refer to it.")
    html: str | None = Field(
        None, description="An HTML page; its main text is extracted and offsets refer to that."
    )
    name: str | None = Field(None, max_length=500, description="Shown in reports.")


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    derived: TextIn = Field(description="The document suspected of reuse.")
    source: TextIn = Field(description="The document it may have reused.")
    min_chars: Annotated[int, Field(ge=1, le=100_000)] = AlignSettings().min_passage_chars
    semantic: bool = Field(
        False, description="Also match sentences by meaning (needs the 'semantic' extra)."
    )
    include_text: bool = Field(
        False, description="Add each document's full text (as aligned) to the report."
    )


class QueryIn(TextIn):
    date: str | None = Field(None, description="When the document was published (ISO 8601).")
    top: Annotated[int, Field(ge=1, le=100)] = DEFAULT_TOP
    candidates: Annotated[int, Field(ge=1, le=100)] = DEFAULT_CANDIDATES
    min_chars: Annotated[int, Field(ge=1, le=100_000)] = AlignSettings().min_passage_chars
    semantic: bool = False
    include_text: bool = Field(False, description="Add the document's full text to the report.")


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=1000)
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = Field(None, description="ISO 8601 date or date-time.")


class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[DocumentIn] = Field(min_length=1)


class AddedOut(BaseModel):
    added: int
    updated: int
    documents: int = Field(description="Documents in the archive after the request.")


class ErrorOut(BaseModel):
    """Every error answer: a one-line ``detail``, and for malformed requests the
    individual ``errors`` (where in the body, what is wrong)."""

    detail: str
    errors: list[dict[str, Any]] | None = None


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": meaning}
    for code, meaning in (
        (400, "The body is not JSON."),
        (408, "The work took longer than the server's time limit."),
        (409, "The server has no archive."),
        (413, "The body is over the server's size limit."),
        (422, "The request is malformed, or a document is empty, binary or too long."),
    )
}


class HealthOut(BaseModel):
    status: str
    version: str
    archive_documents: int | None


def create_app(archive_path: str | Path | None = None, limits: Limits | None = None) -> FastAPI:
    """The web application; with ``archive_path``, ``/query`` and ``/documents`` use it."""
    limits = limits or Limits()
    app = FastAPI(
        title="textreuse",
        version=__version__,
        description="Find reused text: aligned passages with exact offsets, and their sources.",
        responses=_ERRORS,
    )
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)
    store = _ArchiveAccess(archive_path)

    async def run(work: Callable[[], T]) -> T:
        """Run library work off the event loop, within the time limit."""
        try:
            return await asyncio.wait_for(asyncio.to_thread(work), limits.timeout_seconds)
        except TimeoutError:
            msg = f"the request took longer than the {limits.timeout_seconds:g} s limit"
            raise HTTPException(408, msg) from None
        except TextReuseError as error:
            raise HTTPException(422, str(error)) from None

    def document(given: TextIn, default_name: str) -> Document:
        name = given.name or default_name
        if (given.text is None) == (given.html is None):
            raise HTTPException(422, f"{name}: give exactly one of 'text' and 'html'")
        content = given.text if given.text is not None else given.html
        if len(content) > limits.max_text_chars:
            msg = f"{name}: {len(content):,} characters is over the {limits.max_text_chars:,} limit"
            raise HTTPException(422, msg)
        try:
            return document_from_bytes(
                content.encode("utf-8", "surrogatepass"), name, html=given.html is not None
            )
        except TextReuseError as error:
            raise HTTPException(422, str(error)) from None

    @app.get("/health", response_model=HealthOut)
    async def health() -> HealthOut:
        """Whether the service is up, and the archive's size if it has one."""
        documents = await run(store.count) if store.path else None
        return HealthOut(status="ok", version=__version__, archive_documents=documents)

    @app.post("/compare")
    async def compare_texts(body: CompareIn) -> dict[str, Any]:
        """Align the passages ``derived`` reused from ``source``: the compare report
        (schema ``textreuse/compare-report``)."""
        derived, source = document(body.derived, "derived"), document(body.source, "source")
        settings = AlignSettings(min_passage_chars=body.min_chars, semantic=body.semantic)
        report = await run(partial(compare, derived, source, settings=settings))
        data = report_to_dict(report)
        if body.include_text:
            data["derived"]["text"], data["source"]["text"] = derived.text, source.text
        return data

    @app.post("/query")
    async def query(body: QueryIn) -> dict[str, Any]:
        """The sources of a text in the archive, ranked, each with its passages: the query
        report (schema ``textreuse/query-report``)."""
        text = document(body, "document")
        if body.date is not None:
            try:
                parse_date(body.date, "date")
            except TextReuseError as error:
                raise HTTPException(422, str(error)) from None
        settings = AlignSettings(min_passage_chars=body.min_chars, semantic=body.semantic)

        def work() -> dict[str, Any]:
            with store.open() as archive:
                result = find_sources(
                    archive,
                    text,
                    top=body.top,
                    candidates=body.candidates,
                    date=body.date,
                    settings=settings,
                )
            data = query_to_dict(result)
            if body.include_text:
                data["document"]["text"] = text.text
            return data

        return await run(work)

    @app.post("/documents", response_model=AddedOut)
    async def add_documents(body: DocumentsIn) -> AddedOut:
        """Add documents to the archive; an id already there is replaced."""
        if len(body.documents) > limits.max_documents:
            msg = f"{len(body.documents):,} documents is over the {limits.max_documents:,} limit"
            raise HTTPException(422, msg)
        records = []
        for given in body.documents:
            if len(given.text) > limits.max_text_chars:
                msg = f"document {given.id}: text is over the {limits.max_text_chars:,} limit"
                raise HTTPException(422, msg)
            records.append(
                Record(
                    id=given.id,
                    text=given.text,
                    title=given.title,
                    url=given.url,
                    source=given.source,
                    date=_checked_date(given.date, f"document {given.id}"),
                )
            )

        def work() -> AddedOut:
            with store.open() as archive:
                summary = archive.add(records, batch_size=len(records))
                return AddedOut(
                    added=summary.added, updated=summary.updated, documents=len(archive)
                )

        return await run(work)

    @app.delete(
        "/documents/{document_id:path}",
        status_code=204,
        responses={404: {"model": ErrorOut, "description": "No document with this id."}},
    )
    async def remove_document(document_id: str) -> Response:
        """Remove a document from the archive."""

        def work() -> int:
            with store.open() as archive:
                return archive.remove([document_id])

        if not await run(work):
            raise HTTPException(404, f"no document with id {document_id!r} in the archive")
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        """The web page: paste or upload texts and see the reused passages."""
        html = files("textreuse").joinpath("templates/app.html").read_text(encoding="utf-8")
        return HTMLResponse(html, headers={"Content-Security-Policy": _PAGE_POLICY})

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"detail": str(error.detail)}, status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = jsonable_encoder(error.errors(), exclude={"input", "ctx", "url"})
        summary = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in problems[:5]
        )
        return JSONResponse({"detail": summary, "errors": problems}, status_code=422)

    return app


_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
)


def _checked_date(value: str | None, where: str) -> str | None:
    try:
        return parse_date(value, where)
    except TextReuseError as error:
        raise HTTPException(422, str(error)) from None


class _ArchiveAccess:
    """The archive behind the service: one connection per request (SQLite lets readers
    work while one writer writes, and queues writers)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = None if path is None else str(path)

    def open(self) -> Archive:
        if self.path is None:
            raise HTTPException(
                409, "this server has no archive: start it with 'textreuse serve --archive FILE'"
            )
        return Archive.open(self.path)

    def count(self) -> int:
        with self.open() as archive:
            return len(archive)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, counting what actually arrives
    (a client may send no Content-Length, or a false one). The body is read here, at
    most ``max_bytes`` of it, and handed on whole."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body is over the {self.max_bytes:,} byte limit"}, status_code=413
        )
        await response(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
