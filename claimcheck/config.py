"""Configuration: `.claimcheck.yaml`, found from the working directory upwards, then flags.

Paths in the file (rules, corpus globs, baseline, exclude globs with a `/`) are relative to the
file's folder; they are turned into paths relative to the working directory, so that findings show
the paths a person would type. An exclude glob without `/` matches a file name anywhere.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from claimcheck import yamlpos, yamlsimple
from claimcheck.documents import DEFAULT_INCLUDE
from claimcheck.findings import Severity
from claimcheck.records import conforms, doc
from claimcheck.values import value

CONFIG_NAME = ".claimcheck.yaml"


@value(slots=False, kw_only=True)
class ConfigFile:
    """The keys `.claimcheck.yaml` may hold; anything else is an error."""

    rules: Annotated[list[str], doc("rule folders or files")] = field(default_factory=list)
    corpus: Annotated[
        list[str],
        doc(
            "globs of the whole corpus: files named on the command line are checked "
            "against it, and findings are reported for those files only"
        ),
    ] = field(default_factory=list)
    include: Annotated[list[str], doc("file name globs read when a folder is walked")] = field(
        default_factory=lambda: list(DEFAULT_INCLUDE)
    )
    exclude: Annotated[
        list[str],
        doc("globs never read: with a `/`, a path from the config's folder; without, a file name"),
    ] = field(default_factory=list)
    fail_on: Annotated[Severity, doc("lowest severity that makes the exit status 1")] = "error"
    severity: Annotated[dict[str, Severity], doc("rule id → severity")] = field(
        default_factory=dict
    )
    disable: Annotated[list[str], doc("rule ids never reported")] = field(default_factory=list)
    baseline: Annotated[str | None, doc("baseline file of known findings")] = None


@dataclass
class Settings:
    """Configuration merged with the command line; paths are as the user sees them."""

    rules: list[str] = field(default_factory=list)
    corpus: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity = "error"
    severity: dict[str, Severity] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)
    baseline: str | None = None
    source: str | None = None  # the config file read, if any
    # every rule id the file names (disable, severity) with where it is in the file, to validate
    # against the rule registry once the engines are loaded: (id, key path, whether the id is the
    # key at that path rather than its value); its line and column are found only for an unknown id
    rule_refs: list[tuple[str, tuple[str | int, ...], bool]] = field(default_factory=list)


def find(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load(path: Path | None) -> Settings:
    """Read a config file (or none: defaults); raise YamlProblems on any problem in it."""
    if path is None:
        return Settings()
    shown = _shown(path)
    text = yamlpos.read_text(path, shown)
    data: Any
    try:  # the usual case, and a hook's: plain YAML, no ruamel.yaml to import
        data, positioned = yamlsimple.load(text), False
    except yamlsimple.NotSimple:
        data, positioned = yamlpos.parse(text, shown), True
    if data is None:
        data = {}
    if conforms(ConfigFile, data):  # the usual case, and a hook's: no validator to import
        cfg = ConfigFile(**data)
    else:
        from claimcheck import models

        if not positioned:  # again, with the positions of its problems
            data = yamlpos.parse(text, shown) or {}
        cfg = models.record(yamlpos.validate(models.model(ConfigFile), data, shown))
    base = path.parent
    return Settings(
        rules=[_shown(base / r) for r in cfg.rules],
        corpus=[_shown(base / g) for g in cfg.corpus],
        include=cfg.include,
        exclude=[_shown(base / g) if "/" in g else g for g in cfg.exclude],
        fail_on=cfg.fail_on,
        severity=dict(cfg.severity),
        disable=list(cfg.disable),
        baseline=_shown(base / cfg.baseline) if cfg.baseline else None,
        source=shown,
        rule_refs=[
            *((r, ("disable", i), False) for i, r in enumerate(cfg.disable)),
            *((r, ("severity", r), True) for r in cfg.severity),
        ],
    )


def unknown_rules(settings: Settings, known: Iterable[str]) -> list[yamlpos.Problem]:
    """A problem for each rule id in the config that no engine registers (a typo disables
    nothing, silently, otherwise)."""
    ids = set(known)
    unknown = [ref for ref in settings.rule_refs if ref[0] not in ids]
    if not unknown:
        return []
    shown = settings.source or CONFIG_NAME
    try:  # the file again, with positions: only now are they needed
        data = yamlpos.read(Path(shown), shown)
    except yamlpos.YamlProblems:  # changed or gone since it was loaded: no position to give
        data = None
    return [
        yamlpos.Problem(
            shown,
            *yamlpos.position(data, loc, key=key),
            f"unknown rule {rule!r}" + yamlpos.suggest(rule, sorted(ids)),
        )
        for rule, loc, key in unknown
    ]


def expand_corpus(globs: list[str], include: Sequence[str] = DEFAULT_INCLUDE) -> list[str]:
    """Files (matching `include`) and folders matched by the corpus globs, sorted."""
    named = re.compile("|".join(fnmatch.translate(os.path.normcase(i)) for i in include)).match
    out: set[str] = set()
    for g in globs:
        for p in glob.glob(g, recursive=True):
            if named(os.path.normcase(os.path.basename(p))) or os.path.isdir(p):
                out.add(p)
    return sorted(out)


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith(".." + os.sep + ".." + os.sep) else str(path.resolve())
