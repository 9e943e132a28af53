"""The ``sitrep`` command line: a thin layer over :mod:`sitrep.service`.

Exit codes: 0 ok, 1 error, 2 usage, 3 finished but some inputs failed.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Iterable, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import service
from ..config import Settings
from ..errors import SitrepError
from ..model import to_dict
from ..query.filters import parse_filter
from .options import (ActorOpt, BboxOpt, CertaintyOpt, ConfOpt, CountryOpt, DatedOpt, FromOpt, LanguageOpt,
                      RecipientOpt, SourceOpt, StoryOpt, TextOpt, ToOpt, TypeOpt)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn news reports into a sourced, "
                  "geocoded, queryable record of geopolitical events.")
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = typer.Option(None, "--db", envvar="SITREP_DB", help="Database file or URL [default: sitrep.db].")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


class RecordFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


class ExportTable(str, Enum):
    events = "events"
    articles = "articles"


def _settings(db: Optional[str] = None, max_bytes: Optional[int] = None, workers: Optional[int] = None,
              follow_links: Optional[bool] = None, scheduler: Optional[str] = None) -> Settings:
    return Settings.from_env(db=db, max_bytes=max_bytes, workers=workers, follow_links=follow_links or None,
                             scheduler=scheduler)


WorkersOption = typer.Option(None, "--workers", "-w", min=1,
                             help="Worker processes of a local Dask cluster [default: 1, no cluster].")
SchedulerOption = typer.Option(None, "--scheduler", envvar="SITREP_DASK_SCHEDULER",
                               help="Run on the Dask cluster of this scheduler (tcp://HOST:8786).")
FollowLinksOption = typer.Option(False, "--follow-links",
                                 help="Read symbolic links in folders that point outside the folder.")
MaxBytesOption = typer.Option(None, "--max-bytes", help="Size cap per input file and per JSONL record [default: 5 MB].")


def _report_error(error: SitrepError) -> None:
    err.print(f"[red]error[/red] {error.code}: {escape(error.message)}", markup=True)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, JSONL dumps; '-' reads stdin."),
    fmt: RecordFormat = typer.Option(RecordFormat.jsonl, "--format", "-f", help="json: one array; jsonl: a record a line."),
    max_bytes: Optional[int] = MaxBytesOption,
    workers: Optional[int] = WorkersOption,
    scheduler: Optional[str] = SchedulerOption,
    follow_links: bool = FollowLinksOption,
) -> None:
    """Print the record of every article, without a database."""
    settings = _settings(max_bytes=max_bytes, workers=workers, follow_links=follow_links, scheduler=scheduler)
    failed, records = 0, []
    for result in service.extract(paths, settings):
        if isinstance(result, SitrepError):
            failed += 1
            _report_error(result)
        elif fmt is RecordFormat.jsonl:
            sys.stdout.write(json.dumps(to_dict(result), ensure_ascii=False) + "\n")
        else:
            records.append(to_dict(result))
    if fmt is RecordFormat.json:
        sys.stdout.write(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(EXIT_PARTIAL if failed else EXIT_OK)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders, JSONL dumps; '-' reads stdin."),
    db: Optional[str] = DbOption,
    max_bytes: Optional[int] = MaxBytesOption,
    workers: Optional[int] = WorkersOption,
    scheduler: Optional[str] = SchedulerOption,
    follow_links: bool = FollowLinksOption,
    as_json: bool = JsonOption,
) -> None:
    """Process articles and store them; re-ingesting the same article changes nothing.

    Exits 0 when every input was stored, 3 when some inputs failed (each is listed with its code)."""
    settings = _settings(db, max_bytes, workers, follow_links, scheduler)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)
        counts = {"done": 0, "failed": 0}

        def tick(result: Any, status: Optional[str]) -> None:
            counts["done" if status else "failed"] += 1
            if isinstance(result, SitrepError) and not as_json:
                progress.console.print(f"[red]error[/red] {result.code}: {escape(result.message)}")
            progress.update(task, description=f"ingesting: {counts['done']} processed, {counts['failed']} failed")

        report = service.ingest(paths, settings, progress=tick)
    _print_ingest(report, settings, as_json)
    raise typer.Exit(EXIT_PARTIAL if report.failed else EXIT_OK)


def _print_ingest(report: service.IngestReport, settings: Settings, as_json: bool) -> None:
    if as_json:
        out.print_json(data=report.to_dict())
        return
    out.print(f"{report.stored} stored, {report.updated} updated, {report.unchanged} unchanged, "
              f"{report.failed} failed  (database: {settings.db})")
    if report.stored == report.updated == 0 and report.unchanged:
        out.print("Nothing new: every article read was already stored, unchanged.")


@app.command()
def show(article_id: Optional[str] = typer.Argument(None, help="Article id (a unique prefix is enough)."),
         last: bool = typer.Option(False, "--last", help="Show the article stored or updated last."),
         db: Optional[str] = DbOption) -> None:
    """Print the stored record of one article as JSON."""
    if not article_id and not last:
        raise typer.BadParameter("give an article id or --last", param_hint="ARTICLE_ID")
    article = service.show(article_id, _settings(db)) if article_id else service.show_last(_settings(db))
    sys.stdout.write(json.dumps(to_dict(article), ensure_ascii=False, indent=2) + "\n")


@app.command()
def search(query: str = typer.Argument(..., help="Words to find (all required)."),
           db: Optional[str] = DbOption, limit: int = typer.Option(20, "--limit", min=1, max=1000),
           as_json: bool = JsonOption) -> None:
    """Full-text search over stored articles."""
    hits = service.search(query, _settings(db), limit)
    if as_json:
        out.print_json(data=hits)
        return
    _table(("id", "published", "title", "snippet"), ((h["id"], h["published"], h["title"], h["snippet"]) for h in hits))


@app.command()
def entities(query: Optional[str] = typer.Argument(None, help="Name, alias or id to look for."),
             type_: Optional[str] = typer.Option(None, "--type", help="person, organisation, armed_group, country, "
                                                 "place, facility, nationality, weapon, platform"),
             limit: int = typer.Option(50, "--limit", min=1), db: Optional[str] = DbOption,
             as_json: bool = JsonOption) -> None:
    """List or search the knowledge base (and entities met in stored articles)."""
    rows = service.list_entities(_settings(db), query, type_, limit)
    if as_json:
        out.print_json(data=rows)
        return
    _table(("id", "name", "type", "country", "aliases"),
           ((r["id"], r["name"], r["type"], r["country"], ", ".join(r["aliases"][:4])) for r in rows))


@app.command()
def entity(key: str = typer.Argument(..., help="Knowledge-base id (e.g. fac:hmeimim-air-base) or a name."),
           db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """One entity: aliases, type, coordinates and the stored articles that mention it."""
    row = service.entity_detail(_settings(db), key)
    if as_json:
        out.print_json(data=row)
        return
    out.print(f"[bold]{row['name']}[/bold]  {row['id']}  ({row['type']}, {row['country'] or '-'})")
    if row.get("aliases"):
        out.print("aliases: " + ", ".join(row["aliases"]))
    if row.get("latitude") is not None:
        out.print(f"at {row['latitude']:.4f}, {row['longitude']:.4f} ({row.get('precision') or 'point'})")
    if row.get("description"):
        out.print(row["description"])
    _table(("article", "published", "mentions", "title"),
           ((a["id"], a["published"], a["mention_count"], a["title"]) for a in row["articles"]))




@app.command()
def events(type_: Optional[str] = TypeOpt, actor: Optional[str] = ActorOpt, recipient: Optional[str] = RecipientOpt,
           country: Optional[str] = CountryOpt, date_from: Optional[str] = FromOpt, date_to: Optional[str] = ToOpt,
           bbox: Optional[str] = BboxOpt, text: Optional[str] = TextOpt, source: Optional[str] = SourceOpt,
           min_confidence: Optional[str] = ConfOpt, story: Optional[str] = StoryOpt,
           language: Optional[str] = LanguageOpt, certainty: Optional[str] = CertaintyOpt,
           dated: Optional[bool] = DatedOpt, limit: int = typer.Option(100, "--limit", min=1),
           cursor: Optional[str] = typer.Option(None, "--cursor", help="next_cursor of the previous page."),
           db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """List stored events, newest first, filtered (the same filters and answers as GET /events)."""
    flt = parse_filter(type=type_, actor=actor, recipient=recipient, country=country, date_from=date_from,
                       date_to=date_to, bbox=bbox, q=text, source=source, min_confidence=min_confidence, story=story,
                       language=language, certainty=certainty, dated=dated)
    page = service.events_page(_settings(db), flt, cursor, limit)
    if as_json:
        out.print_json(data=page)
        return
    _table(("id", "date", "type", "actor", "recipient", "certainty", "conf", "summary"),
           ((e["id"], e["date"], e["type"], _party(e["actor"]), _party(e["recipient"]), e["certainty"],
             f"{e['confidence']:.2f}" if e["confidence"] is not None else None, e["summary"]) for e in page["items"]))
    if page["next_cursor"]:
        err.print(f"more: --cursor {page['next_cursor']}")


def _party(party: Optional[dict[str, Any]]) -> Optional[str]:
    return (party.get("country") or party.get("text")) if party else None


@app.command()
def event(event_id: str = typer.Argument(..., help="Event id, as `sitrep events` lists it (a unique prefix is enough)."),
          db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """One stored event: its record in brief and where it is said (as GET /events/{id})."""
    detail = service.event_detail(_settings(db), event_id)
    if as_json:
        out.print_json(data=detail)
        return
    _print_event(detail)


def _print_event(detail: dict[str, Any]) -> None:
    row = detail["event"]
    mode = f"/{row['mode']}" if row["mode"] else ""
    confidence = f"{row['confidence']:.2f}" if row["confidence"] is not None else "-"
    out.print(f"[bold]{row['type']}{mode}[/bold]  {escape(row['id'])}  ({row['certainty']}, "
              f"confidence {confidence}, {row['date'] or 'no date'})")
    if row["summary"]:
        out.print(escape(row["summary"]))
    out.print(f"article {escape(row['article_id'])}  {escape(row['source'] or '-')}: {escape(row['article_title'] or '')}")
    _table(("role", "#", "sentence", "start", "end", "text", "name"),
           ((m["role"], m["ordinal"], m["sentence"], m["start"], m["end"], m["text"],
             m["name"] if m["name"] != m["text"] else None) for m in detail["spans"]))


stories_app = typer.Typer(help="Stories: reports of one situation across outlets and languages.",
                          invoke_without_command=True)
app.add_typer(stories_app, name="stories")


@stories_app.callback()
def stories(ctx: typer.Context,
            since: Optional[str] = typer.Option(None, "--since", help="Stories reported on or after (YYYY-MM-DD)."),
            limit: int = typer.Option(50, "--limit", min=1), db: Optional[str] = DbOption,
            as_json: bool = JsonOption) -> None:
    """List stories, last report first (`sitrep stories rebuild` re-clusters everything)."""
    if ctx.invoked_subcommand is not None:
        return
    rows = service.stories_page(_settings(db), since, None, limit)["items"]
    if as_json:
        out.print_json(data=rows)
        return
    _table(("id", "last report", "articles", "clusters", "outlets", "languages", "title"),
           ((r["id"], r["last_report"], r["articles"], r["clusters"], r["outlets"], r["languages"], r["title"])
            for r in rows))


@stories_app.command("rebuild")
def stories_rebuild(db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """Forget every story and re-cluster all stored articles from scratch."""
    totals = service.rebuild_stories(_settings(db))
    if as_json:
        out.print_json(data=totals)
        return
    out.print(f"{totals['articles']} articles in {totals['stories']} stories and {totals['clusters']} event clusters")


@app.command()
def story(story_id: str = typer.Argument(..., help="Story id, as `sitrep stories` lists it (a unique prefix is enough)."),
          db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """One story: its timeline, event clusters with their reports and sources, and discrepancies."""
    detail = service.story(_settings(db), story_id)
    if as_json:
        out.print_json(data=detail)
        return
    _print_story(detail)


def _print_story(detail: dict[str, Any]) -> None:
    out.print(f"[bold]{escape(detail['title'] or detail['id'])}[/bold]  {detail['id']}  ({detail['articles']} articles, "
              f"{detail['outlets']} outlets, {detail['languages']} languages, "
              f"{detail['first_report']} .. {detail['last_report']})")
    _table(("date", "language", "outlet", "cluster", "title"),
           ((a["day"], a["language"], a["outlet"], a["cluster_id"], a["title"]) for a in detail["timeline"]))
    for cluster in detail["event_clusters"]:
        out.print(f"[bold]{cluster['id']}[/bold] {cluster['type'] or '-'}: {cluster['report_count']} reports, "
                  f"{cluster['independent_sources']} independent sources ({', '.join(cluster['origins'])}), "
                  f"languages {', '.join(cluster['languages']) or '-'}")
        _table(("date", "language", "outlet", "cites", "sentence"),
               ((r["date"], r["language"], r["outlet"], ", ".join(r["cites"]), (r["sentence"] or {}).get("text"))
                for r in cluster["reports"]))
    for issue in detail["issues"]:
        spans = "; ".join(f"{s['outlet'] or s['article_id']} [{s['start']}:{s['end']}] {s['text']!r}" for s in issue["spans"])
        out.print(f"[yellow]{issue['code']}[/yellow] {escape(issue['message'])}  {escape(spans)}")


@app.command()
def export(fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f"),
           table: ExportTable = typer.Option(ExportTable.events, "--table", help="events or articles."),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
           type_: Optional[str] = TypeOpt, actor: Optional[str] = ActorOpt, recipient: Optional[str] = RecipientOpt,
           country: Optional[str] = CountryOpt, date_from: Optional[str] = FromOpt, date_to: Optional[str] = ToOpt,
           bbox: Optional[str] = BboxOpt, text: Optional[str] = TextOpt, source: Optional[str] = SourceOpt,
           min_confidence: Optional[str] = ConfOpt, story: Optional[str] = StoryOpt,
           language: Optional[str] = LanguageOpt, certainty: Optional[str] = CertaintyOpt,
           dated: Optional[bool] = DatedOpt, db: Optional[str] = DbOption) -> None:
    """Export stored events (csv, jsonl, geojson, parquet: the formats of GET /events) or articles (jsonl, csv)."""
    settings = _settings(db)
    if table is ExportTable.articles:
        chunks = service.export_articles(settings, fmt.value)
    else:
        flt = parse_filter(type=type_, actor=actor, recipient=recipient, country=country, date_from=date_from,
                           date_to=date_to, bbox=bbox, q=text, source=source, min_confidence=min_confidence,
                           story=story, language=language, certainty=certainty, dated=dated)
        chunks = service.export_events(settings, fmt.value, flt, output)
    _write_chunks(chunks, output if fmt is not ExportFormat.parquet else None)


def _write_chunks(chunks: Iterable[str], output: Optional[Path]) -> None:
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    with open(output, "w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)


@app.command("eval")
def evaluate(
    tasks: list[str] = typer.Argument(..., help="extract, ner, geo, events, events-zsp, stories (the records "
                                                "`sitrep extract` writes), their *-component parts alone, or all."),
    eval_dir: Optional[Path] = typer.Option(None, "--eval-dir", help="The eval kit [default: ../shared/eval]."),
    work: Path = typer.Option(Path("build/eval"), "--work", help="Where inputs and predictions are written."),
    as_json: bool = JsonOption,
) -> None:
    """Score sitrep on the shared dev sets with the shared scorers: the records users get, and each
    component alone beside them (``ner-component``, ``geo-component``, ``events-component`` ...)."""
    from ..evaluation.runner import TASKS, run_task, side_by_side

    names = list(TASKS) if tasks == ["all"] else tasks
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise typer.BadParameter(f"unknown task {unknown[0]!r}; choose from {', '.join(TASKS)} or all")
    results = {}
    for name in names:
        results[name] = result = run_task(name, eval_dir, work)
        if not as_json:
            out.print(f"== {name}")
            out.print(result.report, markup=False, highlight=False)
    rows = side_by_side(results)
    if as_json:
        out.print_json(data=[{"task": n, "summary": r.summary, "predictions": str(r.predictions)}
                             for n, r in results.items()])
    else:
        _table(("task", "metric", "record (what users get)", "component alone"), rows)


def _table(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    table = Table()
    for column in columns:
        table.add_column(column, no_wrap=column == "id")  # ids stay whole, to copy into the next command
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    out.print(table)


def _register_serve() -> None:
    from ..serve.cli import serve as serve_command

    app.command("serve", help="Run the REST API and the map page (http://127.0.0.1:8000/).")(serve_command)


_register_serve()


def run() -> None:
    """Entry point: usage errors exit 2 (click), SitrepError exits 1 with its coded message,
    printed with ``--json`` as the REST API answers it: ``{"error": {"code", "message", "parameter"?}}``."""
    try:
        app()
    except SitrepError as error:
        if "--json" in sys.argv[1:]:
            sys.stdout.write(json.dumps(error.to_body(), ensure_ascii=False) + "\n")
        else:
            _report_error(error)
        sys.exit(EXIT_ERROR)
