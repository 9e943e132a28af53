"""Stage contracts that can fail: a pipeline in a wrong order raises when it is built."""

from __future__ import annotations

import pytest

from sitrep.pipeline import Pipeline, PipelineOrderError


def _stages(pipeline, *names):
    by_name = {stage.name: stage for stage in pipeline.stages}
    return [by_name[name] for name in names]


def test_the_default_order_is_accepted(pipeline) -> None:
    names = [s.name for s in Pipeline(pipeline.stages).stages]
    assert names.index("nlp") < names.index("link") < names.index("geo") < names.index("events")


def test_geo_before_link_raises_naming_the_missing_fact(pipeline) -> None:
    with pytest.raises(PipelineOrderError) as info:
        Pipeline(_stages(pipeline, "nlp", "geo", "link", "events"))
    message = str(info.value)
    assert "'geo' needs entities:linked" in message and "comes from link" in message


@pytest.mark.parametrize("order", [("link", "nlp"), ("nlp", "link", "events"), ("nlp", "link", "geo", "events"),
                                   ("nlp", "link", "places", "geo")])
def test_every_missing_fact_is_caught(pipeline, order) -> None:
    with pytest.raises(PipelineOrderError):
        Pipeline(_stages(pipeline, *order))


def test_spacy_components_declare_what_they_assign(pipeline) -> None:
    nlp = _stages(pipeline, "nlp")[0].nlp
    analysis = nlp.analyze_pipes()
    assert not analysis["problems"] or all(not v for v in analysis["problems"].values())
    ours = [name for name in nlp.pipe_names if name.startswith("sitrep_") or name == "paragraph_breaks"]
    meta = {name: nlp.get_pipe_meta(name) for name in ours if nlp.get_pipe_meta(name).factory != "entity_ruler"}
    assert len(meta) >= 3 and all(m.assigns for m in meta.values())
