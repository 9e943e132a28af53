"""How long the ``sitrep`` command takes to start: ``sitrep --help`` in a fresh interpreter.

    python scripts/bench_cli_start.py [--rounds 7]

Prints the median and the slowest wall time of ``python -m sitrep --help``, its median CPU
time (user + system: what the start costs on an idle machine) and the load average, and whether the
start imported FastAPI, uvicorn, spaCy or onnxruntime (none of them is needed to print help).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

HEAVY = ("fastapi", "uvicorn", "spacy", "onnxruntime")
TARGET_S = 1.5


def start_seconds() -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, which a busy machine does not inflate)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitrep", "--help"], check=True, capture_output=True)
    wall = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)


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
    runs = [start_seconds() for _ in range(rounds)]
    times = [wall for wall, _cpu in runs]
    median = statistics.median(times)
    heavy = heavy_imports()
    print(f"sitrep --help: median {median:.2f} s, slowest {max(times):.2f} s over {rounds} runs "
          f"(target < {TARGET_S} s); CPU median {statistics.median(cpu for _wall, cpu in runs):.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"heavy modules imported at start: {', '.join(heavy) or 'none'}")
    return 0 if median < TARGET_S and not heavy else 1


if __name__ == "__main__":
    raise SystemExit(main())
