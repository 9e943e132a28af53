"""The API's response shapes are checked against the one data model (:mod:`sitrep.model`): each
field of a shape that shows a part of the record is a field of that part, of the same kind and
no stricter about missing values, unless it is named here as the view's own (counts, links)."""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest
from pydantic import BaseModel

from sitrep import model
from sitrep.serve import schemas

MIRRORS = [  # (API shape, model part, fields the view adds)
    (schemas.ArticleEntity, model.Entity, set()),
    (schemas.Entity, model.Entity, {"article_count", "mention_count"}),
    (schemas.Issue, model.ArticleIssue, set()),
    (schemas.Span, model.Mention, set()),
    (schemas.Mention, model.Mention, {"entity_id", "roles"}),
    (schemas.ArticleDetail, model.Article, {"source", "uri"}),  # the outlet and URI of Article.source
]


def kind(hint: typing.Any) -> tuple[str, bool]:
    """("str" | "int" | "float" | "bool" | "list" | "record" | "dict" | other, may be missing)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return kind(args[0])[0], True
    if typing.get_origin(hint) in (list, tuple):
        return "list", False
    if isinstance(hint, type) and (dataclasses.is_dataclass(hint) or issubclass(hint, BaseModel)):
        return "record", False
    return getattr(hint, "__name__", str(hint)), False


@pytest.mark.parametrize("shape, part, own", MIRRORS, ids=lambda x: getattr(x, "__name__", ""))
def test_an_api_shape_follows_the_model(shape, part, own) -> None:
    hints = typing.get_type_hints(part)
    for name, info in shape.model_fields.items():
        if name in own:
            continue
        assert name in hints, f"{shape.__name__}.{name} is not a field of model.{part.__name__}"
        api_kind, api_optional = kind(info.annotation)
        model_kind, model_optional = kind(hints[name])
        assert api_kind == model_kind, f"{shape.__name__}.{name}: {api_kind} in the API, {model_kind} in the model"
        assert api_optional or not model_optional, f"{shape.__name__}.{name} may be missing in the model"


def test_the_check_catches_a_field_the_model_lacks() -> None:
    class Drifted(BaseModel):
        id: str
        nickname: str

    with pytest.raises(AssertionError, match="nickname"):
        test_an_api_shape_follows_the_model(Drifted, model.Entity, set())
