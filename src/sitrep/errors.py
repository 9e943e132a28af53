"""Every user-facing error of sitrep, with a code and its HTTP status, in one catalogue.

A :class:`SitrepError` names the input it is about and says what to do. Failures on one
input are recorded and the batch goes on; anything that is not a ``SitrepError`` is a bug.
The CLI (``--json``) and the REST API print an error in one shape, :meth:`SitrepError.to_body`:
``{"error": {"code", "message", "parameter"?}}``.
"""

from __future__ import annotations

from typing import Any, Optional

CATALOGUE: dict[str, str] = {
    "E100": "cannot read {input}: {detail}",
    "E101": "{input} is empty: there is no article text to process",
    "E102": "{input} looks binary ({detail}), not text, HTML or JSONL",
    "E103": "{input} is not valid text in any encoding tried ({detail})",
    "E104": "{input} is {detail}, over the size cap; raise it with --max-bytes or SITREP_MAX_BYTES",
    "E105": "{input}: no article text could be extracted from the HTML ({detail})",
    "E106": "{input}: line {line} is not valid JSON ({detail}); the other lines go on",
    "E107": "{input}: line {line} has no 'text', 'raw' or 'html' string field",
    "E108": "{input}: line {line}: {detail}",
    "E109": "{input} does not exist",
    "E110": "{input}: unsupported file type {detail}; give .txt, .html, .htm, .jsonl, .jsonl.gz, .parquet or a folder",
    "E111": "{input}: the clean text is {detail}, over the language pipeline's limit; split it into articles",
    "E112": "{input}: processing failed ({detail}); the other inputs go on. This is a bug: please report it with the input",
    "E113": "{input} is a symbolic link to {detail}, outside the folder being read; give --follow-links to read it",
    "E114": "{input} is not a regular file ({detail}); skipped",
    "E115": "{input}: the cluster lost this input's partition ({detail}); it was not processed, run it again",
    "E116": "{input} has no 'text', 'raw' or 'html' column (its columns: {detail})",
    "E200": "no article with id {input} in the database",
    "E201": "the database at {input} cannot be used: {detail}",
    "E202": "the database at {input} has schema version {detail}, newer than this sitrep knows",
    "E203": "no entity matches {input} in the knowledge base or the database",
    "E204": "no event with id {input} in the database (a unique prefix is enough; `sitrep events` lists ids)",
    "E205": "no story with id {input} in the database (a unique prefix is enough; `sitrep stories` lists ids)",
    "E300": "invalid value for {input}: {detail}",
    "E301": "refusing to serve on {input} without an API key: anyone on the network could read the "
            "database; set SITREP_API_KEY, bind 127.0.0.1, or give --insecure",
    "E302": "cannot reach the Dask scheduler at {input} ({detail}); check the address (tcp://HOST:8786) and that it runs",
    "E400": "evaluation data not found at {input}: {detail}",
    "E601": "nothing at {input}{detail}",
    "E602": "writes need an API key: send it as the X-API-Key header",
    "E603": "writes are disabled: set SITREP_API_KEY on the server to allow them",
    "E604": "method {input} is not allowed here; the API is read-only except POST /articles",
    "E605": "the request body is not a JSON record: {detail}",
    "E606": "the request body is over the cap of {detail} (SITREP_MAX_BODY_BYTES on the server)",
    "E607": "too many writes from this client: at most {detail}; retry after the Retry-After seconds",
    "E699": "internal error; the server log has the details",
}

# The HTTP status of each code: a family's status unless the code has its own.
FAMILY_STATUS: dict[str, int] = {"E1": 400, "E2": 404, "E3": 400, "E4": 500, "E6": 400}
CODE_STATUS: dict[str, int] = {
    "E112": 500, "E201": 503, "E202": 503, "E601": 404, "E602": 401, "E603": 403, "E604": 405, "E606": 413,
    "E607": 429, "E699": 500,
}


def http_status(code: str) -> int:
    """The HTTP status the REST API answers ``code`` with (500 for a code it does not know)."""
    return CODE_STATUS.get(code) or FAMILY_STATUS.get(code[:2], 500)


class SitrepError(Exception):
    """An error a user can act on: a code, the input it concerns and a message."""

    def __init__(
        self,
        code: str,
        input: Optional[str] = None,
        detail: Optional[str] = None,
        line: Optional[int] = None,
    ) -> None:
        self.code = code
        self.input = input
        self.detail = detail
        self.line = line
        template = CATALOGUE.get(code, "{detail}")
        self.message = template.format(
            input=input or "<input>", detail=detail or "", line=line if line is not None else "?"
        )
        super().__init__(f"[{code}] {self.message}")

    @property
    def status(self) -> int:
        return http_status(self.code)

    @property
    def parameter(self) -> Optional[str]:
        """The option or query parameter to fix, when the error is about one."""
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "input": self.input, "line": self.line, "message": self.message}

    def to_body(self) -> dict[str, Any]:
        """The one JSON error shape of the CLI's ``--json`` and the REST API."""
        inner: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.parameter is not None:
            inner["parameter"] = self.parameter
        return {"error": inner}


class InputError(SitrepError):
    """An input (file, record, stream) that cannot become an article."""


class StoreError(SitrepError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(SitrepError):
    """A record asked for by id does not exist."""


class UsageError(SitrepError):
    """A bad option or parameter value; ``input`` names the parameter."""

    @property
    def parameter(self) -> Optional[str]:
        return self.input


class ApiError(SitrepError):
    """An error that only the REST API meets (no route, no key, a bad method or body)."""
