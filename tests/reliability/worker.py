"""A separate sitrep process for the reliability tests (run as a script, never imported by them).

``worker.py ingest DB PIPELINE PATH...``: ingest PATHs into DB with the ``full`` pipeline or the
``clean`` one (cleaning only: fast, the same write path), printing ``ready`` once started.
``worker.py rounds DIR NAME OTHER ROUNDS PATH``: for each round, meet the process OTHER at a
barrier, then run ``sitrep ingest PATH --db DIR/round-K.db`` in this process; prints the exit codes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def ingest(db: str, pipeline_name: str, paths: list[str]) -> int:
    from sitrep import service
    from sitrep.config import Settings
    from sitrep.pipeline import Pipeline

    pipeline = Pipeline([]) if pipeline_name == "clean" else None
    print("ready", flush=True)
    report = service.ingest(paths, Settings.from_env(db=db), pipeline=pipeline)
    print(json.dumps(report.to_dict()), flush=True)
    return 3 if report.failed else 0


def barrier(folder: Path, name: str, other: str, round_number: int, timeout: float = 300.0) -> None:
    (folder / f"round-{round_number}.{name}").touch()
    deadline = time.monotonic() + timeout
    while not (folder / f"round-{round_number}.{other}").exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{other} never reached round {round_number}")
        time.sleep(0.005)


def rounds(folder: Path, name: str, other: str, count: int, path: str) -> int:
    from sitrep.cli.main import app

    codes = []
    for number in range(1, count + 1):
        barrier(folder, name, other, number)
        db = folder / f"round-{number}.db"
        began = time.monotonic()
        codes.append(app(["ingest", path, "--db", str(db), "--json"], standalone_mode=False))
        print(f"{name} round {number}: exit {codes[-1]} in {time.monotonic() - began:.1f} s", file=sys.stderr, flush=True)
    print(json.dumps({"codes": codes}), flush=True)
    return 0 if set(codes) == {0} else 1


def main(argv: list[str]) -> int:
    if argv[0] == "ingest":
        return ingest(argv[1], argv[2], argv[3:])
    return rounds(Path(argv[1]), argv[2], argv[3], int(argv[4]), argv[5])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
