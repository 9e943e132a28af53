"""One error catalogue: every code is defined once, with its HTTP status, and every code the
code raises is in it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sitrep.errors import CATALOGUE, SitrepError, UsageError, http_status

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"


def _raised_codes() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                value = node.args[0].value
                if isinstance(value, str) and re.fullmatch(r"E\d{3}", value):
                    codes.add(value)
    return codes


def test_every_code_raised_is_in_the_catalogue_with_a_status() -> None:
    assert _raised_codes() <= set(CATALOGUE)
    assert all(100 <= http_status(code) < 600 for code in CATALOGUE)
    assert (http_status("E300"), http_status("E204"), http_status("E602"), http_status("E699")) == (400, 404, 401, 500)


def test_each_code_is_defined_in_one_place() -> None:
    defined = [m.group(1) for path in SRC.rglob("*.py")
               for m in re.finditer(r'^\s*"(E\d{3})":\s*"', path.read_text(encoding="utf-8"), re.M)]
    assert sorted(defined) == sorted(set(defined)) == sorted(CATALOGUE)


def test_one_json_shape_names_the_parameter_of_a_bad_value() -> None:
    assert UsageError("E300", input="type", detail="no such type").to_body() == {
        "error": {"code": "E300", "message": "invalid value for type: no such type", "parameter": "type"}}
    assert SitrepError("E204", input="ev-1").to_body()["error"].keys() == {"code", "message"}
