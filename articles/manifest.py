"""A folder's manifest.json: per-file metadata for ingestion.

    {"file name": {"outlet": "...", "credit": "...", "published": "YYYY-MM-DD", "url": "...", "title": "..."}}

Every key is optional (null counts as absent). File names are paths relative to the manifest's
folder and must stay inside it. Unknown keys, entries that are not objects and names that escape
the folder are warned about and ignored; a manifest that is not valid JSON is an error for every
file it would describe.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from articles.extraction.pubdate import parse_date

MANIFEST_NAME = "manifest.json"
KEYS = ("outlet", "credit", "published", "url", "title")
MAX_MANIFEST_BYTES = 5 * 1024 * 1024


@dataclass
class Entry:
    outlet: str = ""
    credit: str = ""
    published: dt.date | None = None
    url: str = ""
    title: str = ""
    error: str = ""  # a value that cannot be used (a date that does not parse): the file fails


@dataclass
class Manifest:
    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)  # keyed by the resolved path of the file
    error: str = ""  # set when the manifest itself cannot be read: every file it covers fails
    warnings: list[str] = field(default_factory=list)

    def entry_for(self, path: Path) -> Entry | None:
        return self.entries.get(str(path.resolve()))


def load_manifest(folder: Path) -> Manifest | None:
    """The manifest of `folder`, or None if it has none."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return None
    manifest = Manifest(folder)
    where = str(path)
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            manifest.error = f"{where} is larger than {MAX_MANIFEST_BYTES // 1_048_576} MB"
            return manifest
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        manifest.error = f"{where} is not UTF-8 text"
        return manifest
    except json.JSONDecodeError as error:
        manifest.error = f"{where} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        return manifest
    except RecursionError:
        manifest.error = f"{where} is nested too deeply to read"
        return manifest
    except OSError as error:
        manifest.error = f"{where} could not be read ({error.strerror})"
        return manifest
    if not isinstance(data, dict):
        manifest.error = f"{where} must hold an object of file names, not {type(data).__name__}"
        return manifest
    root = folder.resolve()
    for name, values in data.items():
        target = _inside(root, name)
        if target is None:
            manifest.warnings.append(f"{where}: {name!r} is not a file name inside its folder (ignored)")
            continue
        if not isinstance(values, dict):
            manifest.warnings.append(f"{where}: {name!r} should map to an object of metadata (ignored)")
            continue
        if not target.is_file():
            manifest.warnings.append(f"{where}: {name!r} is not in the folder")
        unknown = sorted(set(values) - set(KEYS))
        if unknown:
            manifest.warnings.append(
                f"{where}: {name!r}: unknown keys {', '.join(unknown)} (ignored; known: {', '.join(KEYS)})"
            )
        manifest.entries[str(target)] = _entry(values)
    return manifest


def _inside(root: Path, name: str) -> Path | None:
    """The file `name` names, if it is a relative path that stays inside `root` (links resolved)."""
    if not isinstance(name, str) or not name or "\x00" in name or "\\" in name:
        return None
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    target = (root / relative).resolve()
    return target if target.is_relative_to(root) and target != root else None


def _entry(values: dict) -> Entry:
    entry = Entry()
    problems = []
    for key in KEYS:
        value = values.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"{key} must be a string, not {type(value).__name__}")
            continue
        value = value.strip()
        if key == "published":
            if value:
                try:
                    entry.published = parse_date(value)
                except ValueError as error:
                    problems.append(f"published: {error}")
        else:
            setattr(entry, key, value)
    entry.error = "; ".join(problems)
    return entry
