"""Property-based requests generated from the published OpenAPI schema, run in-process.

Schemathesis builds the requests (valid ones and deliberately invalid ones) from the schema
the app serves; every answer must be no server error and must match what the schema says.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitrep.serve import create_app
from sitrep.serve.openapi_doc import openapi_schema

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a test extra: make setup-test")


def _cases() -> list[tuple[str, str, str]]:
    """(method, path, mode) for every operation; negative data only where a value can be invalid."""
    found = []
    for path, item in openapi_schema()["paths"].items():
        for method, operation in item.items():
            found.append((method.upper(), path, "positive"))
            query = [p for p in operation.get("parameters", []) if p["in"] != "path"]
            if query or "requestBody" in operation:
                found.append((method.upper(), path, "negative"))
    return found


CASES = _cases()


@pytest.fixture(scope="module")
def api_schema(catalogue_db: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(catalogue_db.settings))


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[" ".join(c) for c in CASES])
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_api_never_fails_and_answers_as_its_schema_says(api_schema: Any, method: str, path: str, mode: str,
                                                        data: st.DataObject) -> None:
    operation = api_schema[path][method]
    case = data.draw(operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode)))
    case.call_and_validate()  # every check: the schema says exactly what the server accepts
