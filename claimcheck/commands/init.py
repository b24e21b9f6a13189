"""`claimcheck init`: start a newsroom's setup in its repository.

Writes what is missing (the configuration, a rules folder with a starter file whose examples
pass, the cache's line in `.gitignore`) and never overwrites a file: a second run changes
nothing. The pre-commit snippet is printed, not written, since a repository's hook config
usually holds other hooks too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from claimcheck.commands import EXIT_CLEAN, JobError

# The release tag the printed pre-commit snippet pins (the README's hook example uses it too).
RELEASE = "v0.2.0"
CACHE_LINE = ".claimcheck_cache/"
STARTER = "rules/starter.yaml"
CONFIG = """\
# claimcheck's configuration: `claimcheck check`, its pre-commit hook and its editor server
# read it. Paths are relative to this file; `claimcheck rules docs` explains every key.
rules: [rules]            # rule folders: every .yaml file under them is read
corpus:                   # the whole archive: a new article is checked against all of it
  - 'articles/**/*.md'
  - 'articles/**/*.txt'
exclude: [README.md]      # never read: a path from here with `/`, else a file name
fail_on: error            # the lowest severity that fails a commit or a CI job
"""
STARTER_HEAD = """\
# A starter rule file: a fictional town, so its facts are true by definition. Replace it with
# your beat (who holds which office, official names, figures), each fact with its `source`.
# `claimcheck rules check` validates the files, `claimcheck rules test` runs the examples.
"""
HOOK = """\
# .pre-commit-config.yaml: add this, then run `pre-commit install`
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: claimcheck
"""
PLACEHOLDER_REPO = "<git URL of the claimcheck repository>"


def register(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "init",
        help="start a newsroom's setup: config, a starter rule file, .gitignore",
        description="Write .claimcheck.yaml, rules/ with a commented starter rule file and the "
        "cache's line in .gitignore into FOLDER, each only when missing (a file that exists is "
        "never changed, so a second run does nothing), and print the pre-commit snippet.",
    )
    p.add_argument("folder", nargs="?", default=".", metavar="FOLDER", help="default: here")
    p.add_argument(
        "--repo",
        metavar="URL",
        help="the claimcheck repository to name in the pre-commit snippet "
        "(default: where this claimcheck was installed from, when known)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    root = Path(args.folder)
    if not root.is_dir():
        raise JobError(f"{args.folder}: no such folder")
    for line in setup(root):
        print(f"claimcheck: {line}")
    print()
    print(HOOK.format(repo=args.repo or installed_from() or PLACEHOLDER_REPO, rev=RELEASE), end="")
    return EXIT_CLEAN


def setup(root: Path) -> list[str]:
    """Write each missing piece into `root`; a line for each piece saying what was done."""
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.reports.rules_docs import worked_example

    done = [
        _create(root, ".claimcheck.yaml", CONFIG),
        _create(root, STARTER, STARTER_HEAD + _starter_rules(worked_example()), tree="rules"),
        _ignore(root / ".gitignore"),
    ]
    return done


def _starter_rules(example: str) -> str:
    """The rule guide's worked example without its first line (its path there) and without
    `implied`: an entity every article is taken to be about would judge a real newsroom's
    articles by a fictional town."""
    lines = example.splitlines(keepends=True)[1:]
    return "".join(line for line in lines if not line.lstrip().startswith("implied:"))


def _create(root: Path, name: str, text: str, tree: str = "") -> str:
    """Write `name` unless it, or a rules folder already set up (`tree` with a YAML file), is
    there."""
    path = root / name
    if path.exists():
        return f"kept {name} (it exists)"
    if tree and any((root / tree).glob("**/*.y*ml")):
        return f"kept {tree}/ (it has rule files)"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:  # "x": never over a file made meanwhile
            fh.write(text)
    except OSError as exc:
        raise JobError(f"{path}: cannot write: {exc.strerror}") from None
    return f"wrote {name}"


def _ignore(path: Path) -> str:
    """Add the cache folder to .gitignore (made if missing) unless a line already names it."""
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise JobError(f"{path}: cannot read: {exc}") from None
    names = {line.strip().strip("/") for line in old.splitlines()}
    if CACHE_LINE.strip("/") in names:
        return f"kept .gitignore (it ignores {CACHE_LINE})"
    sep = "" if not old or old.endswith("\n") else "\n"
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"{sep}# claimcheck's cache of extracted claims\n{CACHE_LINE}\n")
    except OSError as exc:
        raise JobError(f"{path}: cannot write: {exc.strerror}") from None
    return f"{'added' if old else 'wrote'} {CACHE_LINE} to .gitignore"


def installed_from() -> str | None:
    """The git URL or local clone this claimcheck was installed from (pip records it), else
    the package's `Repository` URL; None when neither is known."""
    import json
    from importlib import metadata

    # every copy of the metadata on the path: a source tree's egg-info can come before the
    # installed one, and only the installed one says where it came from
    for dist in metadata.distributions(name="claimcheck"):
        try:
            data = json.loads(dist.read_text("direct_url.json") or "null")
        except ValueError:
            continue
        url = data.get("url") if isinstance(data, dict) else None
        if isinstance(url, str) and "vcs_info" in data:
            return url
        if isinstance(url, str) and url.startswith("file://"):
            local = Path(url.removeprefix("file://"))
            if (local / ".git").exists():
                return str(local)
        for entry in dist.metadata.get_all("Project-URL") or []:
            label, _, link = entry.partition(",")
            if label.strip().lower() == "repository" and link.strip():
                return str(link.strip())
    return None
