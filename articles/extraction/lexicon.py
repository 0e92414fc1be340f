"""The word lists the actor and event finders read: gazetteers and the event trigger lexicon.

The lists are data files in `articles/extraction/data/` (tab-separated, `#` comments), read once
per process. Curators extend them in the admin (GazetteerEntry rows), and every actor already in
the database counts with its aliases: `Lexicon.extended(extra)` returns a lexicon with those
added, without touching the shared one. No Django imports here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Words, as the tokenizer cuts them: dotted abbreviations (U.S.), an initial before a name
# (Donald J. Trump), handles (@realDonaldTrump), hyphenated words (Jae-in, G-20), possessives.
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]\.(?=\s[A-Z])|@\w+|\w+(?:[-‐]\w+)*|[’']s\b|[^\w\s]")


def words(text: str) -> tuple[str, ...]:
    return tuple(m.group() for m in TOKEN.finditer(text))


def norm_key(name: str) -> str:
    """The key two spellings of one name share: 'Kim Jong-un' and 'Kim Jong Un' give 'kimjongun'."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Entry:
    """A name in a gazetteer: what it refers to (`canonical`, an actor's name) and how."""

    kind: str  # state, demonym, capital, place, organisation, person
    canonical: str
    state: str = ""  # the state a capital, place, organisation or person belongs to
    role: str = ""


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str
    words: tuple[str, ...]
    form: str  # noun, past, present, base, ing
    requires: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    names: dict[tuple[str, ...], Entry] = field(default_factory=dict)  # case-sensitive word tuples
    longest_name: int = 1
    name_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> lengths, longest first
    title_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    titles: set[tuple[str, ...]] = field(default_factory=set)  # lowercase word tuples
    longest_title: int = 1
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)  # first word (lowercase) -> longest first
    speech_verbs: dict[str, str] = field(default_factory=dict)  # word -> form
    channels: dict[tuple[str, ...], str] = field(default_factory=dict)  # lowercase words -> event kind
    states: dict[str, Entry] = field(default_factory=dict)  # canonical name -> entry
    aliases: dict[str, set[str]] = field(default_factory=dict)  # canonical name -> its other names
    demonym_of: dict[str, str] = field(default_factory=dict)  # state -> its adjective ("France" -> "French")

    def add_name(self, name: str, entry: Entry) -> None:
        key = words(name)
        if not key:
            return
        if key not in self.names or (entry.kind in ("person", "organisation") and self.names[key].kind == "demonym"):
            self.names[key] = entry
        self.longest_name = max(self.longest_name, len(key))
        self.name_lengths[key[0]] = tuple(sorted({*self.name_lengths.get(key[0], ()), len(key)}, reverse=True))
        if name != entry.canonical and entry.kind in ("state", "organisation", "person", "capital"):
            self.aliases.setdefault(entry.canonical, set()).add(name)

    def add_title(self, title: str) -> None:
        key = tuple(w.lower() for w in words(title))
        if key:
            self.titles.add(key)
            self.longest_title = max(self.longest_title, len(key))
            self.title_lengths[key[0]] = tuple(sorted({*self.title_lengths.get(key[0], ()), len(key)}, reverse=True))

    def add_trigger(self, trigger: Trigger) -> None:
        bucket = self.triggers.setdefault(trigger.words[0], [])
        bucket[:] = [t for t in bucket if t.words != trigger.words or t.kind != trigger.kind]
        bucket.append(trigger)
        bucket.sort(key=lambda t: -len(t.words))

    def extended(self, extra: list[tuple[str, str, str, str]]) -> Lexicon:
        """A copy with extra (kind, name, canonical, state) entries: curators' and the database's."""
        if not extra:
            return self
        copy = Lexicon(
            names=dict(self.names),
            longest_name=self.longest_name,
            name_lengths=dict(self.name_lengths),
            title_lengths=dict(self.title_lengths),
            titles=set(self.titles),
            longest_title=self.longest_title,
            triggers={k: list(v) for k, v in self.triggers.items()},
            speech_verbs=dict(self.speech_verbs),
            channels=dict(self.channels),
            states=dict(self.states),
            aliases={k: set(v) for k, v in self.aliases.items()},
            demonym_of=dict(self.demonym_of),
        )
        for kind, name, canonical, state in extra:
            add_entry(copy, kind, name, canonical or name, state)
        return copy


def add_entry(lex: Lexicon, kind: str, name: str, canonical: str, state: str = "") -> None:
    """One gazetteer entry of any kind, as curators write them in the admin."""
    name, canonical = name.strip(), (canonical or name).strip()
    if not name:
        return
    if kind == "title":
        lex.add_title(name)
    elif kind == "trigger":
        # name: the phrase; canonical: the event kind it gives.
        phrase = tuple(w.lower() for w in words(name))
        if phrase and canonical:
            lex.add_trigger(Trigger(canonical.lower(), phrase, "noun" if not name.endswith("ed") else "past"))
    elif kind == "state":
        entry = Entry("state", canonical)
        lex.states.setdefault(canonical, entry)
        lex.add_name(name, entry)
        lex.add_name(canonical, entry)
    elif kind in ("demonym", "capital", "place", "organisation", "person"):
        lex.add_name(name, Entry(kind, canonical, state))


def _rows(name: str):
    with open(DATA / name, encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            yield dict(zip(header, cells, strict=False))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@functools.cache
def base_lexicon() -> Lexicon:
    """The lexicon from the data files alone (read once per process)."""
    lex = Lexicon()
    for row in _rows("countries.tsv"):
        name = row["name"]
        entry = Entry("state", name)
        lex.states[name] = entry
        lex.add_name(name, entry)
        for alias in _split(row["aliases"]):
            lex.add_name(alias, entry)
        for demonym in _split(row["demonyms"]):
            lex.demonym_of.setdefault(name, demonym)
            if words(demonym) not in lex.names:
                lex.add_name(demonym, Entry("demonym", name, name))
        for capital in _split(row["capital"]):
            lex.add_name(capital, Entry("capital", name, name))
    for row in _rows("organisations.tsv"):
        entry = Entry("organisation", row["name"], row["state"])
        lex.add_name(row["name"], entry)
        for alias in _split(row["aliases"]):
            lex.add_name(alias, entry)
    for row in _rows("places.tsv"):
        entry = Entry("place", row["name"], row["state"])
        lex.add_name(row["name"], entry)
        for alias in _split(row["aliases"]):
            lex.add_name(alias, entry)
    with open(DATA / "titles.txt", encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                lex.add_title(line.strip())
    for row in _rows("triggers.tsv"):
        phrase = tuple(row["phrase"].split())
        lex.add_trigger(Trigger(row["kind"], phrase, row["form"], frozenset(_split(row["requires"]))))
    for row in _rows("speech.tsv"):
        if row["type"] == "verb":
            lex.speech_verbs[row["phrase"]] = row["form_or_kind"]
        else:
            lex.channels[tuple(row["phrase"].split())] = row["form_or_kind"]
    return lex
