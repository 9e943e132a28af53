"""How long the ``sitrep`` command takes to start: ``sitrep --help`` in a fresh interpreter.

    python scripts/bench_cli_start.py [--rounds 7]

Prints the median and the slowest wall time of ``python -m sitrep --help`` and whether the
start imported FastAPI, uvicorn, spaCy or onnxruntime (none of them is needed to print help).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

HEAVY = ("fastapi", "uvicorn", "spacy", "onnxruntime")
TARGET_S = 1.5


def start_seconds() -> float:
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitrep", "--help"], check=True, capture_output=True)
    return time.perf_counter() - begin


def heavy_imports() -> list[str]:
    probe = ("import sys, runpy; sys.argv = ['sitrep', '--help']\n"
             "try:\n    runpy.run_module('sitrep', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             f"print('IMPORTED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    found = next(line for line in result.stdout.splitlines() if line.startswith("IMPORTED:"))
    return [m for m in found.removeprefix("IMPORTED:").split(",") if m]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    times = [start_seconds() for _ in range(rounds)]
    median = statistics.median(times)
    heavy = heavy_imports()
    print(f"sitrep --help: median {median:.2f} s, slowest {max(times):.2f} s over {rounds} runs "
          f"(target < {TARGET_S} s)")
    print(f"heavy modules imported at start: {', '.join(heavy) or 'none'}")
    return 0 if median < TARGET_S and not heavy else 1


if __name__ == "__main__":
    raise SystemExit(main())
