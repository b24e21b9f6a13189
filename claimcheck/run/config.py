"""Configuration: `.claimcheck.yaml`, found from the paths checked upwards (else from the working
directory upwards), then flags.

Paths in the file (rules, corpus globs, baseline, exclude globs with a `/`) are relative to the
file's folder; they are turned into paths relative to the working directory, so that findings show
the paths a person would type. An exclude glob without `/` matches a file name anywhere.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from claimcheck.infra.values import value
from claimcheck.model.findings import Severity
from claimcheck.run.articles import DEFAULT_INCLUDE
from claimcheck.yamlio import positions as yamlpos
from claimcheck.yamlio import subset as yamlsimple
from claimcheck.yamlio.records import conforms, doc

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
    checks_url: Annotated[
        str | None,
        doc(
            "where the newsroom publishes docs/checks.md (an absolute http(s) address): each "
            "SARIF rule's `helpUri` is it with the rule id as fragment"
        ),
    ] = None
    rules_version: Annotated[
        str | None,
        doc(
            "the rulebook's version as the newsroom names it (a release tag, an edition), shown "
            "beside the rule files' digest in the HTML report's footer"
        ),
    ] = None
    # a mapping of text, checked by `_publisher_problems`: a nested record would take every
    # hook run of a newsroom that sets it through the validator (start-up time)
    publisher: Annotated[
        dict[str, str] | None,
        doc("who publishes the fact checks (ClaimReview `author`): `{name, url}`, url absolute"),
    ] = None


@value()
class Publisher:
    """The newsroom or fact desk that publishes claimcheck's ClaimReview output."""

    name: str
    url: str


PUBLISHER_KEYS = ("name", "url")


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
    rules_version: str | None = None
    checks_url: str | None = None
    publisher: Publisher | None = None
    source: str | None = None  # the config file read, if any
    # each exclude glob as shown (from here) → as written in the file, for the messages
    exclude_written: dict[str, str] = field(default_factory=dict)


# a place in the parsed file: the key path of a value, and whether the key itself is meant
Loc = tuple[tuple[str | int, ...], bool]


def find(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def find_for(paths: Iterable[str]) -> dict[Path, list[str]]:
    """The configuration of each path, as ruff finds it: the nearest above the path (a file's
    folder, a folder itself, a glob's folder), else the working directory's; paths that have
    none anywhere are under no configuration and not in the answer."""
    nearest: dict[str, Path | None] = {}  # by folder: a hook names many files of one folder
    out: dict[Path, list[str]] = {}
    fallback: list[Path | None] = []
    for given in paths:
        folder = _folder_of(given)
        if folder not in nearest:
            nearest[folder] = find(Path(folder))
        config = nearest[folder]
        if config is None:
            if not fallback:
                fallback.append(find())
            config = fallback[0]
        if config is not None:
            out.setdefault(config, []).append(given)
    return out


def _folder_of(given: str) -> str:
    if glob.has_magic(given) and not os.path.lexists(given):
        parts = Path(given).parts
        given = str(Path(*parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]))
        return given or "."
    return given if os.path.isdir(given) else os.path.dirname(given) or "."


def load(
    path: Path | None, known: Collection[str] | None = None, check_rules: bool = True
) -> Settings:
    """Read a config file (or none: defaults); raise YamlProblems listing every problem in it
    at once: unknown keys, bad values, rule ids not in `known` (when given) and, with
    `check_rules`, rule folders or files that do not exist."""
    if path is None:
        return Settings()
    shown = as_shown(path)
    text = yamlpos.read_text(path, shown)
    data: Any
    try:  # the usual case, and a hook's: plain YAML, no ruamel.yaml to import
        data, positioned = yamlsimple.load(text), False
    except yamlsimple.NotSimple:
        data, positioned = yamlpos.parse(text, shown), True
    if data is None:
        data = {}
    problems: list[yamlpos.Problem] = []
    cfg: ConfigFile | None = None
    if conforms(ConfigFile, data):  # the usual case, and a hook's: no validator to import
        cfg = ConfigFile(**data)
    else:
        # pydantic: only when the config must be validated (start-up time of a hook run)
        from claimcheck.yamlio import (
            validation as models,  # here, for start-up time: pydantic, only when needed
        )

        if not positioned:  # again, with the positions of its problems
            data, positioned = yamlpos.parse(text, shown) or {}, True
        try:
            cfg = models.record(yamlpos.validate(models.model(ConfigFile), data, shown))
        except yamlpos.YamlProblems as exc:
            problems.extend(exc.problems)
    wrong = _named_wrongly(data, path.parent, known, check_rules)
    if wrong:
        if not positioned:  # the positions are needed only now
            data = yamlpos.parse(text, shown)
        problems.extend(
            yamlpos.Problem(shown, *yamlpos.position(data, loc, key=key), message)
            for message, (loc, key) in wrong
        )
    if problems or cfg is None:
        raise yamlpos.YamlProblems(sorted(set(problems), key=_order))
    return _settings(cfg, path.parent, shown)


def _order(p: yamlpos.Problem) -> tuple[int, int, str]:
    return p.line, p.column, p.message


def _settings(cfg: ConfigFile, base: Path, shown: str) -> Settings:
    exclude = {(as_shown(base / g) if "/" in g else g): g for g in cfg.exclude}
    return Settings(
        rules=[as_shown(base / r) for r in cfg.rules],
        corpus=[as_shown(base / g) for g in cfg.corpus],
        include=cfg.include,
        exclude=list(exclude),
        fail_on=cfg.fail_on,
        severity=dict(cfg.severity),
        disable=list(cfg.disable),
        baseline=as_shown(base / cfg.baseline) if cfg.baseline else None,
        rules_version=cfg.rules_version,
        checks_url=cfg.checks_url,
        publisher=Publisher(**cfg.publisher) if cfg.publisher else None,
        source=shown,
        exclude_written=exclude,
    )


def _named_wrongly(
    data: Any, base: Path, known: Collection[str] | None, check_rules: bool
) -> list[tuple[str, Loc]]:
    """What the file names that is not there: rule ids no check has, rule folders or files
    that do not exist. Read from the parsed file whether or not it validated, so that a typo in
    one key hides no other problem."""
    if not isinstance(data, dict):
        return []
    out: list[tuple[str, Loc]] = []
    if known is not None:
        for rule, loc in _rule_ids(data):
            if rule not in known:
                out.append((f"unknown rule {rule!r}" + yamlpos.suggest(rule, sorted(known)), loc))
    out.extend(_publisher_problems(data.get("publisher")))
    rules = data.get("rules")
    if check_rules and isinstance(rules, list):
        for i, rule_path in enumerate(rules):
            if isinstance(rule_path, str) and not (base / rule_path).exists():
                message = f"no such rule file or folder {rule_path!r}"
                out.append((message + _nearby(base, rule_path), (("rules", i), False)))
    return out


def _publisher_problems(publisher: Any) -> Iterator[tuple[str, Loc]]:
    """`publisher` must be exactly {name, url}, the url an absolute http(s) address: it is
    printed into published structured data, where a relative address means nothing."""
    if not isinstance(publisher, dict) or not all(isinstance(v, str) for v in publisher.values()):
        return  # not a mapping of text: the validator says so
    for key in publisher:
        if key not in PUBLISHER_KEYS:
            message = f"unknown key {key!r} (at publisher)" + yamlpos.suggest(key, PUBLISHER_KEYS)
            yield message, (("publisher", key), True)
    missing = [k for k in PUBLISHER_KEYS if not str(publisher.get(k, "")).strip()]
    if missing:
        yield f"publisher needs {' and '.join(missing)}", (("publisher",), True)
    url = publisher.get("url", "")
    if url.strip() and not absolute_url(url):
        yield (
            f"publisher url {url!r} is not an absolute http(s) address",
            (("publisher", "url"), False),
        )


def absolute_url(text: str) -> bool:
    """An absolute http(s) URL with a host: what structured data published on the web needs."""
    from urllib.parse import urlsplit  # here, for start-up time: only with a publisher

    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text.strip()


def _rule_ids(data: dict[Any, Any]) -> Iterator[tuple[str, Loc]]:
    """Each rule id the file names (in `disable` and as a key of `severity`), where it is."""
    disable, severity = data.get("disable"), data.get("severity")
    if isinstance(disable, list):
        for i, rule in enumerate(disable):
            if isinstance(rule, str):
                yield rule, (("disable", i), False)
    if isinstance(severity, dict):
        for rule in severity:
            if isinstance(rule, str):
                yield rule, (("severity", rule), True)


def _nearby(base: Path, missing: str) -> str:
    """'; did you mean X?' for a folder or YAML file in the nearest folder that exists on the
    way to a missing one (`desk-rules` for `desk/rules`)."""
    parent = os.path.dirname(missing)
    while parent and not (base / parent).is_dir():
        parent = os.path.dirname(parent)
    try:
        with os.scandir(base / parent) as entries:
            names = [
                os.path.join(parent, e.name)
                for e in entries
                if not e.name.startswith(".") and (e.is_dir() or e.name.endswith((".yaml", ".yml")))
            ]
    except OSError:
        return ""
    return yamlpos.suggest(missing, sorted(names))


def expand_corpus(globs: list[str], include: Sequence[str] = DEFAULT_INCLUDE) -> list[str]:
    """Files (matching `include`) and folders matched by the corpus globs, sorted."""
    named = re.compile("|".join(fnmatch.translate(os.path.normcase(i)) for i in include)).match
    out: set[str] = set()
    for g in globs:
        for p in glob.glob(g, recursive=True):
            if named(os.path.normcase(os.path.basename(p))) or os.path.isdir(p):
                out.add(p)
    return sorted(out)


def as_shown(path: Path) -> str:
    """A path as a person would type it here: relative, unless that climbs two folders."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith(".." + os.sep + ".." + os.sep) else str(path.resolve())
