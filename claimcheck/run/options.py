"""How a run goes, as opposed to what it checks (the Settings of claimcheck.run.config): where its
store is, how many processes it may use, what it keeps for the reports."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.infra.values import value


@value(slots=False)
class Options:
    """The run's options; the defaults are a run of one process with no store."""

    cache_dir: Path | None = None  # the claim store's folder (None: no store)
    jobs: int = 1  # processes; > 1 makes a pool when there are many documents to extract
    progress: bool = False  # a progress line on standard error
    all_claims: bool = False  # keep every claim of the checked articles (a report quotes them)
    all_groups: bool = False  # keep every claim group of the corpus engine, not only disagreeing
    # articles given as bytes under the name to check them by (an editor's buffer on standard
    # input), in place of what is on disk, which need not exist
    texts: Mapping[str, bytes] = field(default_factory=dict)


@dataclass
class Statuses:
    """The files' status as the caller took it (walking the paths), no earlier than `since_ns`:
    the store's stat index reads these rather than asking for them again."""

    since_ns: int = 0
    of: dict[str, os.stat_result] = field(default_factory=dict)
