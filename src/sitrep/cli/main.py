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
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import service
from ..config import Settings
from ..errors import SitrepError
from ..model import to_dict

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


def _settings(db: Optional[str] = None, max_bytes: Optional[int] = None) -> Settings:
    return Settings.from_env(db=db, max_bytes=max_bytes)


def _report_error(error: SitrepError) -> None:
    err.print(f"[red]error[/red] {error.code}: {error.message}", markup=True)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, JSONL dumps; '-' reads stdin."),
    fmt: RecordFormat = typer.Option(RecordFormat.jsonl, "--format", "-f", help="json: one array; jsonl: a record a line."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Size cap per input [default: 5 MB]."),
) -> None:
    """Print the record of every article, without a database."""
    settings = _settings(max_bytes=max_bytes)
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
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Size cap per input [default: 5 MB]."),
    as_json: bool = JsonOption,
) -> None:
    """Process articles and store them; re-ingesting the same article changes nothing."""
    settings = _settings(db, max_bytes)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)
        counts = {"done": 0, "failed": 0}

        def tick(result: Any, status: Optional[str]) -> None:
            counts["done" if status else "failed"] += 1
            if isinstance(result, SitrepError) and not as_json:
                progress.console.print(f"[red]error[/red] {result.code}: {result.message}")
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
        out.print("Nothing new: every article was already stored unchanged.")


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
def export(fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
           db: Optional[str] = DbOption) -> None:
    """Write every stored article to stdout (JSONL records or a CSV table)."""
    for chunk in service.export_articles(_settings(db), fmt.value):
        sys.stdout.write(chunk)


@app.command("eval")
def evaluate(
    tasks: list[str] = typer.Argument(..., help="extract, ner, geo, events, events-zsp, or all."),
    eval_dir: Optional[Path] = typer.Option(None, "--eval-dir", help="The eval kit [default: ../shared/eval]."),
    work: Path = typer.Option(Path("build/eval"), "--work", help="Where inputs and predictions are written."),
    as_json: bool = JsonOption,
) -> None:
    """Score sitrep on the shared dev sets with the shared scorers."""
    from ..evaluation.runner import TASKS, run_task

    names = list(TASKS) if tasks == ["all"] else tasks
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise typer.BadParameter(f"unknown task {unknown[0]!r}; choose from {', '.join(TASKS)} or all")
    results = []
    for name in names:
        result = run_task(name, eval_dir, work)
        results.append({"task": name, "summary": result.summary, "predictions": str(result.predictions)})
        if not as_json:
            out.print(result.report)
    if as_json:
        out.print_json(data=results)


def _table(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    out.print(table)


def run() -> None:
    """Entry point: usage errors exit 2 (click), SitrepError exits 1 with its coded message."""
    try:
        app()
    except SitrepError as error:
        _report_error(error)
        sys.exit(EXIT_ERROR)
