"""Every user-facing error of sitrep, with a code, in one catalogue.

A :class:`SitrepError` names the input it is about and says what to do. Failures on one
input are recorded and the batch goes on; anything that is not a ``SitrepError`` is a bug.
"""

from __future__ import annotations

from typing import Optional

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
    "E110": "{input}: unsupported file type {detail}; give .txt, .html, .htm, .jsonl or a folder",
    "E111": "{input}: the clean text is {detail}, over the language pipeline's limit; split it into articles",
    "E112": "{input}: processing failed ({detail}); the other inputs go on. This is a bug: please report it with the input",
    "E113": "{input} is a symbolic link to {detail}, outside the folder being read; give --follow-links to read it",
    "E114": "{input} is not a regular file ({detail}); skipped",
    "E200": "no article with id {input} in the database",
    "E201": "the database at {input} cannot be used: {detail}",
    "E202": "the database at {input} has schema version {detail}, newer than this sitrep knows",
    "E203": "no entity matches {input} in the knowledge base or the database",
    "E204": "no event with id {input} in the database (a unique prefix is enough; `sitrep events` lists ids)",
    "E205": "no story with id {input} in the database (a unique prefix is enough; `sitrep stories` lists ids)",
    "E300": "invalid value for {input}: {detail}",
    "E301": "refusing to serve on {input} without an API key: anyone on the network could read the "
            "database; set SITREP_API_KEY, bind 127.0.0.1, or give --insecure",
    "E400": "evaluation data not found at {input}: {detail}",
}


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

    def to_dict(self) -> dict:
        return {"code": self.code, "input": self.input, "line": self.line, "message": self.message}


class InputError(SitrepError):
    """An input (file, record, stream) that cannot become an article."""


class StoreError(SitrepError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(SitrepError):
    """A record asked for by id does not exist."""


class UsageError(SitrepError):
    """A bad option or parameter value."""
