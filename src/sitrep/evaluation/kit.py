"""Where the shared eval kit (dev sets and scorers) is: the one place every scorer and trainer asks.

The kit is not part of sitrep and is never installed with it. It is found, in this order, at
the folder given, at ``$SITREP_EVAL_DIR``, or at ``shared/eval`` beside the repository, looked
for from the current folder upward and then from this source file upward (a checkout run in
place). An installed sitrep without either gets a path that does not exist, and the caller's
coded error (E400) says where it looked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

ENV = "SITREP_EVAL_DIR"
RELATIVE = Path("shared") / "eval"


def eval_kit(explicit: Optional[Path] = None) -> Path:
    """The eval kit folder (see the module doc); the first candidate when none exists."""
    if explicit is not None:
        return Path(explicit)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder.parent / RELATIVE).is_dir():
                return folder.parent / RELATIVE
    return Path.cwd().resolve().parent / RELATIVE
