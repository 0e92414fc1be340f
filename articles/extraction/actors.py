"""Actors in an article: people, states and organisations, with their roles and every mention.

    find_actors(text, sentences, captions, lexicon) -> Actors

How a news article names its actors, and what this module reads from it:
- a person is introduced once with a title and a full name ("US President Donald Trump",
  "North Korean leader Kim Jong Un", "White House spokeswoman Sarah Sanders") or with an apposition
  ("Harry Kazianis, director of defense studies from the Center for the National Interest, ..."),
  then called by one name ("Trump", "Kim": Korean and Chinese names put the family name first) or
  a pronoun ("she said");
- states are named, abbreviated (US, U.S.), turned into adjectives (North Korean) or stand for
  their governments through their capitals ("Pyongyang said"); "in Pyongyang" is a place;
- organisations come from the gazetteer or are capitalised names with an organisation's head
  word (Ministry, Agency, Center...), prefixed by a state ("French Foreign Ministry").
Captions are read for full names and roles only; they are never news. Words that only look like
names (weekdays, months, sentence-initial words, datelines, wire names) are never actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.extraction.lexicon import TOKEN, Entry, Lexicon, norm_key

# Words that start a capitalised run without being part of a name.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "from",
        "by",
        "with",
        "after",
        "before",
        "when",
        "while",
        "as",
        "if",
        "since",
        "although",
        "though",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "who",
        "what",
        "which",
        "where",
        "why",
        "how",
        "however",
        "meanwhile",
        "still",
        "also",
        "then",
        "later",
        "earlier",
        "last",
        "next",
        "some",
        "many",
        "most",
        "several",
        "both",
        "all",
        "each",
        "no",
        "not",
        "none",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "according",
        "asked",
        "speaking",
        "during",
        "under",
        "despite",
        "instead",
        "other",
        "another",
        "such",
        "more",
        "much",
        "few",
        "first",
        "second",
        "third",
        "former",
        "new",
        "top",
        "senior",
        "analysts",
        "officials",
        "experts",
        "critics",
        "hundreds",
        "thousands",
        "dozens",
        "people",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "madam",
        "lord",
        "lady",
    ]
)
CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "today",
        "yesterday",
        "tomorrow",
    ]
)
# Head words that make a capitalised name an organisation.
ORG_HEADS = frozenset(
    [
        "ministry",
        "agency",
        "association",
        "center",
        "centre",
        "council",
        "committee",
        "commission",
        "party",
        "union",
        "parliament",
        "assembly",
        "congress",
        "senate",
        "house",
        "department",
        "office",
        "bank",
        "fund",
        "institute",
        "institution",
        "university",
        "court",
        "forces",
        "army",
        "navy",
        "guard",
        "group",
        "organization",
        "organisation",
        "foundation",
        "presidency",
        "government",
        "administration",
        "cabinet",
        "news",
        "times",
        "post",
        "journal",
        "press",
        "service",
        "services",
        "police",
        "command",
        "corps",
        "company",
        "corporation",
        "inc",
        "corp",
        "ltd",
        "network",
        "television",
        "tv",
        "radio",
        "media",
        "alliance",
        "coalition",
        "front",
        "league",
        "movement",
        "federation",
        "secretariat",
        "bureau",
        "authority",
        "board",
    ]
)
# Head words of capitalised names that are neither people nor actors (wars, zones, weapons...).
THING_HEADS = frozenset(
    [
        "war",
        "zone",
        "airport",
        "island",
        "islands",
        "sea",
        "ocean",
        "river",
        "street",
        "square",
        "hall",
        "palace",
        "village",
        "province",
        "state",
        "states",
        "republic",
        "kingdom",
        "peninsula",
        "strait",
        "mountain",
        "mountains",
        "games",
        "olympics",
        "cup",
        "day",
        "week",
        "initiative",
        "plan",
        "program",
        "programme",
        "act",
        "conference",
        "forum",
        "summit",
        "elections",
        "election",
        "talks",
        "declaration",
        "agreement",
        "accord",
        "treaty",
        "deal",
        "crisis",
        "line",
        "border",
        "airlines",
        "boeing",
        "airbus",
        "road",
        "bridge",
        "station",
        "park",
        "hotel",
        "gulf",
        "coast",
        "region",
        "valley",
        "desert",
        "basin",
        "continent",
        "africa",
        "asia",
        "europe",
        "east",
        "west",
    ]
)
# Words that are never part of a person's name ("National Abortion ...", "Roman Catholic").
NOT_NAME = frozenset(
    [
        "national",
        "international",
        "federal",
        "central",
        "general",
        "democratic",
        "republican",
        "united",
        "royal",
        "islamic",
        "catholic",
        "christian",
        "muslim",
        "jewish",
        "communist",
        "socialist",
        "liberal",
        "conservative",
        "great",
        "grand",
        "supreme",
        "high",
        "joint",
        "special",
        "foreign",
        "deputy",
        "civil",
        "human",
        "public",
        "free",
        "world",
        "global",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "roman",
        "orthodox",
        "protestant",
        "sunni",
        "shiite",
        "shia",
        "arab",
        "african",
        "asian",
        "european",
        "american",
        "latin",
    ]
)
PARTICLES = frozenset(
    ["von", "van", "der", "de", "den", "da", "di", "du", "del", "della", "la", "le", "al", "el", "bin", "ibn", "ben"]
)
# Prepositions after which a capitalised name is a place, not a person.
PLACE_PREPOSITIONS = frozenset(["in", "at", "near", "outside", "inside", "across", "into", "towards", "toward"])
# Modifiers that may stand between titles in a role: "Italian deputy Premier and Labor Minister".
ROLE_MODIFIERS = frozenset(
    [
        "government",
        "presidential",
        "military",
        "party",
        "press",
        "security",
        "trade",
        "economic",
        "deputy",
        "former",
        "acting",
        "then",
        "then-",
        "supreme",
        "vice",
        "interim",
        "chief",
        "top",
        "senior",
        "foreign",
        "first",
        "and",
        "the",
    ]
)
# Family name first: the short form of "Kim Jong Un" is "Kim", of "Xi Jinping" "Xi".
SURNAME_FIRST = frozenset(
    [
        "kim",
        "lee",
        "park",
        "moon",
        "roh",
        "choi",
        "chung",
        "jung",
        "yoon",
        "ri",
        "pak",
        "choe",
        "jang",
        "kang",
        "han",
        "ryu",
        "xi",
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "yang",
        "hu",
        "wen",
        "wu",
        "zhou",
        "zhao",
        "sun",
        "ma",
        "guo",
        "hun",
        "nguyen",
        "tran",
        "pham",
        "le",
    ]
)
# Verbs after a lone capitalised word that make it a person speaking: "Gremitskikh said".
SPEECH_AFTER = frozenset(["said", "says", "told", "added", "wrote", "tweeted", "announced", "insisted"])
PRONOUNS = frozenset(["he", "she"])


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    lower: str
    is_cap: bool  # starts with a capital letter (or is a @handle)


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    out = []
    for m in TOKEN.finditer(text, start, end):
        word = m.group()
        c = word[0]
        cap = (c.isupper() and c.isalpha()) or (c == "@" and len(word) > 1)
        out.append(Tok(word, m.start(), m.end(), word.lower(), cap))
    return out


@dataclass
class Actor:
    name: str
    kind: str  # person, state, organisation
    role: str = ""
    state: str = ""  # the state a person or organisation belongs to
    aliases: set[str] = field(default_factory=set)
    first: int = 0  # offset of the first mention
    in_news: bool = False  # mentioned outside captions


@dataclass(frozen=True, slots=True)
class Mention:
    actor: str  # the actor's name (key of Actors.actors); for places, the place's name
    kind: str  # person, state, organisation, place
    i: int  # token span in its sentence
    j: int
    start: int  # character span in the text
    end: int
    how: str = "name"  # name, alias, capital, demonym, pronoun
    state: str = ""  # for places: the state they are in


@dataclass
class Segment:
    """A sentence or a caption, its words and what they name."""

    start: int
    end: int
    tokens: list[Tok]
    caption: bool = False
    mentions: list[Mention] = field(default_factory=list)
    index: int = 0


@dataclass
class Actors:
    actors: dict[str, Actor]
    segments: list[Segment]  # captions and sentences, in text order

    def sentences(self) -> list[Segment]:
        return [s for s in self.segments if not s.caption]


@dataclass(slots=True)
class _Chunk:
    kind: str  # entity, title, run
    i: int
    j: int
    entry: Entry | None = None


def _match_name(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, Entry] | None:
    lengths = lex.name_lengths.get(toks[i].text)
    if not lengths:
        return None
    n = len(toks)
    for length in lengths:
        if length <= n - i:
            entry = lex.names.get(tuple(t.text for t in toks[i : i + length]))
            if entry is not None:
                return length, entry
    return None


def _match_title(toks: list[Tok], i: int, lex: Lexicon) -> int:
    lengths = lex.title_lengths.get(toks[i].lower)
    if not lengths:
        return 0
    n = len(toks)
    for length in lengths:
        if length <= n - i and tuple(t.lower for t in toks[i : i + length]) in lex.titles:
            return length
    return 0


def _chunks(toks: list[Tok], lex: Lexicon) -> list[_Chunk]:
    out: list[_Chunk] = []
    n = len(toks)
    names: dict[int, tuple[int, Entry] | None] = {}
    titles: dict[int, int] = {}

    def name_at(k: int):
        if k not in names:
            names[k] = _match_name(toks, k, lex)
        return names[k]

    def title_at(k: int) -> int:
        if k not in titles:
            titles[k] = _match_title(toks, k, lex)
        return titles[k]

    i = 0
    while i < n:
        m = name_at(i)
        if m and m[1].kind == "person" and m[0] == 1 and i + 1 < n and toks[i + 1].is_cap:
            m = None  # "Kim" is known, but "Kim Dae-jung" is someone else
        if m:
            out.append(_Chunk("entity", i, i + m[0], m[1]))
            i += m[0]
            continue
        t = title_at(i)
        if t:
            out.append(_Chunk("title", i, i + t))
            i += t
            continue
        tok = toks[i]
        if tok.is_cap and tok.lower not in CALENDAR:
            j = i + 1
            while j < n:
                nxt = toks[j]
                if name_at(j) or title_at(j) or nxt.lower in CALENDAR:
                    break
                if nxt.is_cap:
                    j += 1
                    continue
                # "Agnes von der Muhll": particles count only when a name follows them.
                e = j
                while e < n and toks[e].lower in PARTICLES and e - j < 3:
                    e += 1
                if e > j and e < n and toks[e].is_cap:
                    j = e + 1
                else:
                    break
            out.append(_Chunk("run", i, j))
            i = j
            continue
        i += 1
    return out


def _name_of(text: str, toks: list[Tok], i: int, j: int) -> str:
    return text[toks[i].start : toks[j - 1].end]


def _person_key(name: str) -> tuple[str, ...]:
    """The words of a person's name that identify them: initials dropped, lowercased."""
    parts = [p for p in name.replace("-", " ").split() if not (len(p) == 2 and p.endswith("."))]
    return tuple(norm_key(p) for p in parts if norm_key(p))


def short_name(name: str) -> str:
    """The name a person is called by after the first mention: 'Sanders', 'Kim', 'Di Maio'."""
    parts = name.split()
    if len(parts) >= 2 and parts[0].lower() in SURNAME_FIRST:
        return parts[0]
    # Particles belong to the surname: "Di Maio", "von der Leyen".
    k = len(parts) - 1
    while k > 1 and parts[k - 1].lower() in PARTICLES:
        k -= 1
    return " ".join(parts[k:])


class _Registry:
    """The article's actors, merging spellings of one person ('Tayyip Erdogan', 'Recep Tayyip Erdogan')."""

    def __init__(self):
        self.actors: dict[str, Actor] = {}
        self.person_keys: dict[tuple[str, ...], str] = {}

    def person(self, name: str, offset: int, role: str = "", state: str = "", news: bool = True) -> str:
        key = _person_key(name)
        found = self.person_keys.get(key)
        if found is None:
            for other_key, other in self.person_keys.items():
                short, long_ = (key, other_key) if len(key) < len(other_key) else (other_key, key)
                if len(short) >= 2 and long_[-len(short) :] == short:
                    found = other
                    if len(key) > len(other_key):  # the longer name becomes the name
                        self._rename(other, name)
                        found = name
                    break
        if found is None:
            self.actors[name] = Actor(name, "person", first=offset)
            found = name
        self.person_keys[key] = found
        actor = self.actors[found]
        if name != found:
            actor.aliases.add(name)
        if role and not actor.role:
            actor.role = role
        if state and not actor.state:
            actor.state = state
        actor.in_news |= news
        return found

    def _rename(self, old: str, new: str) -> None:
        actor = self.actors.pop(old)
        actor.aliases.add(old)
        actor.name = new
        self.actors[new] = actor
        for k, v in list(self.person_keys.items()):
            if v == old:
                self.person_keys[k] = new

    def other(self, name: str, kind: str, offset: int, state: str = "", news: bool = True) -> str:
        actor = self.actors.get(name)
        if actor is None:
            actor = self.actors[name] = Actor(name, kind, state=state, first=offset)
        actor.in_news |= news
        return name


def _role_before(text: str, toks: list[Tok], chunks: list[_Chunk], c: int) -> tuple[str, str, int]:
    """The title phrase right before chunk c: (role, state, index of its first chunk)."""
    first = c
    titled = False
    state = ""
    k = c - 1
    pos = chunks[c].i
    while k >= 0:
        ch = chunks[k]
        gap = toks[ch.j : pos]
        if any(t.lower not in ROLE_MODIFIERS and t.lower not in ("’s", "'s") and t.text != "-" for t in gap):
            break
        if ch.kind == "title":
            titled = True
        elif ch.kind == "entity" and ch.entry.kind in ("state", "demonym", "organisation", "capital"):
            state = state or (ch.entry.canonical if ch.entry.kind != "organisation" else ch.entry.state)
        else:
            break
        first = k
        pos = ch.i
        k -= 1
    if not titled:
        return "", state, c
    start = chunks[first].i
    # Leading modifiers only when a title follows them ("deputy"), never a bare "the".
    while start > 0 and toks[start - 1].lower in ROLE_MODIFIERS - {"and", "the"}:
        start -= 1
    role = text[toks[start].start : toks[chunks[c].i - 1].end]
    if role.endswith(("’s", "'s")):
        role = role[:-2].rstrip()
    return role, state, first


def _apposition(text: str, toks: list[Tok], j: int, lex: Lexicon) -> str:
    """'Harry Kazianis, director of defense studies from the Center for ..., a think tank' -> the role."""
    n = len(toks)
    if j + 1 >= n or toks[j].text != ",":
        return ""
    k = j + 1
    if toks[k].lower in ("the", "a", "an"):
        k += 1
    while k < n and toks[k].lower in ROLE_MODIFIERS - {"and", "the"}:
        k += 1
    if not _match_title(toks, k, lex) and not (k < n and toks[k].lower.endswith(("director", "minister"))):
        return ""
    end = k
    while end < n and toks[end].text not in (",", ";", ".", "(", "—", "–"):
        end += 1
    if end - k > 14:
        return ""
    role = text[toks[j + 1].start : toks[end - 1].end]
    for joint in (" from the ", " at the ", " of the ", " with the "):
        head, sep, tail = role.partition(joint)
        if sep and tail[:1].isupper():
            role = f"{head}, {tail}"
            break
    return role


def _org_name(text: str, toks: list[Tok], chunks: list[_Chunk], c: int, lex: Lexicon) -> tuple[int, int, str, str]:
    """An organisation run, widened to a state before it and 'for/of (the) Name' after it.

    Returns its token span, its state and, for "France's Foreign Ministry", the name it goes by
    ("French Foreign Ministry"), else "".
    """
    ch = chunks[c]
    i, j = ch.i, ch.j
    state = ""
    prefix = ""
    if c > 0 and chunks[c - 1].kind == "entity" and chunks[c - 1].j == i:
        prev = chunks[c - 1].entry
        if prev.kind in ("state", "demonym"):
            i, state = chunks[c - 1].i, prev.canonical
    elif c > 0 and chunks[c - 1].kind == "entity" and chunks[c - 1].j == i - 1 and toks[i - 1].lower in ("’s", "'s"):
        prev = chunks[c - 1].entry
        if prev.kind == "state" and prev.canonical in lex.demonym_of:
            state, prefix = prev.canonical, lex.demonym_of[prev.canonical]
    n = len(toks)
    while j + 1 < n and toks[j].lower in ("for", "of", "on"):
        k = j + 1
        if toks[k].lower == "the":
            k += 1
        if k < n and toks[k].is_cap and toks[k].lower not in CALENDAR:
            e = k
            while e < n and (toks[e].is_cap or toks[e].lower in ("and", "of")) and toks[e].lower not in CALENDAR:
                e += 1
            while e > k and not toks[e - 1].is_cap:
                e -= 1
            j = e
        else:
            break
    name = f"{prefix} {_name_of(text, toks, ch.i, j)}" if prefix else ""
    return i, j, state, name


def find_actors(
    text: str, sentences: list[tuple[int, int]], captions: list[tuple[int, int]], lexicon: Lexicon
) -> Actors:
    """Every actor of the article and every mention of one, sentence by sentence."""
    segments = [Segment(s, e, tokenize(text, s, e), caption=True) for s, e in captions]
    segments += [Segment(s, e, tokenize(text, s, e)) for s, e in sentences]
    segments.sort(key=lambda s: s.start)
    reg = _Registry()
    pending: list[tuple[Segment, int, int]] = []  # single capitalised words, resolved after all names
    chunked = []
    for seg in segments:
        toks = seg.tokens
        chunks = _chunks(toks, lexicon)
        chunked.append(chunks)
        news = not seg.caption
        for c, ch in enumerate(chunks):
            if ch.kind == "title":
                continue
            i, j = ch.i, ch.j
            if ch.kind == "entity":
                e = ch.entry
                prev = toks[i - 1].lower if i else ""
                if e.kind == "person":
                    role, state, _ = _role_before(text, toks, chunks, c)
                    name = reg.person(e.canonical, toks[i].start, role or e.role, state or e.state, news)
                    seg.mentions.append(Mention(name, "person", i, j, toks[i].start, toks[j - 1].end))
                elif e.kind == "place" or (e.kind in ("capital", "state") and prev in PLACE_PREPOSITIONS):
                    seg.mentions.append(
                        Mention(
                            e.canonical if e.kind != "capital" else _name_of(text, toks, i, j),
                            "place",
                            i,
                            j,
                            toks[i].start,
                            toks[j - 1].end,
                            state=e.state or e.canonical,
                        )
                    )
                    if e.kind == "state":
                        reg.other(e.canonical, "state", toks[i].start, news=news)
                elif e.kind in ("state", "capital", "demonym"):
                    name = reg.other(e.canonical, "state", toks[i].start, news=news and e.kind != "demonym")
                    how = {"state": "name", "capital": "capital", "demonym": "demonym"}[e.kind]
                    seg.mentions.append(Mention(name, "state", i, j, toks[i].start, toks[j - 1].end, how))
                    if e.kind == "capital":
                        seg.mentions.append(
                            Mention(
                                _name_of(text, toks, i, j), "place", i, j, toks[i].start, toks[j - 1].end, "name", name
                            )
                        )
                elif e.kind == "organisation":
                    if e.state:
                        reg.other(e.state, "state", toks[i].start, news=False)
                    name = reg.other(e.canonical, "organisation", toks[i].start, e.state, news)
                    before = toks[i - 2].lower if i >= 2 and prev == "the" else prev
                    # "met his aides in the White House": the building, not the actor.
                    after = toks[j] if j < len(toks) else None
                    used_as_name = after is not None and (after.is_cap or after.lower in lexicon.triggers)
                    kind = "place" if before in PLACE_PREPOSITIONS and not used_as_name else "organisation"
                    seg.mentions.append(Mention(name, kind, i, j, toks[i].start, toks[j - 1].end, state=e.state))
                continue
            # A capitalised run: strip words that only start sentences.
            while i < j and (toks[i].lower in STOPWORDS or toks[i].lower in CALENDAR):
                i += 1
            if i >= j:
                continue
            lowers = [t.lower for t in toks[i:j]]
            if any(w in ORG_HEADS for w in lowers):
                chunks[c] = _Chunk("run", i, j)
                a, b, state, called = _org_name(text, toks, chunks, c, lexicon)
                name = called or _name_of(text, toks, a, b)
                if state:
                    reg.other(state, "state", toks[a].start, news=False)
                name = reg.other(name, "organisation", toks[a].start, state, news)
                seg.mentions.append(Mention(name, "organisation", a, b, toks[a].start, toks[b - 1].end))
                chunks[c] = _Chunk("entity", a, b, Entry("organisation", name, state))
                continue
            if any(w in THING_HEADS for w in lowers) or any(t.text[0].isdigit() for t in toks[i:j]):
                continue
            if any(w in NOT_NAME for w in lowers):
                continue
            # A sentence's first word may be a verb or adverb before a name: "Making Juan ...".
            if i == 0 and j - i >= 3 and toks[i].lower.endswith(("ing", "ed", "ly")):
                i += 1
            name_words = [t for t in toks[i:j] if t.lower not in PARTICLES and not t.text.endswith(".")]
            role, state, _ = _role_before(text, toks, chunks, c)
            if len(name_words) >= 2 and not toks[i].text.startswith("@"):
                prev = toks[i - 1].lower if i else ""
                if prev in PLACE_PREPOSITIONS and not role:
                    seg.mentions.append(
                        Mention(_name_of(text, toks, i, j), "place", i, j, toks[i].start, toks[j - 1].end)
                    )
                    continue
                role = role or _apposition(text, toks, j, lexicon)
                name = reg.person(_name_of(text, toks, i, j), toks[i].start, role, state, news)
                seg.mentions.append(Mention(name, "person", i, j, toks[i].start, toks[j - 1].end))
                chunks[c] = _Chunk("entity", i, j, Entry("person", name))
            else:
                # "President Trump", "Gremitskikh said": one name, but a person by its company.
                speaks = j < len(toks) and toks[j].lower in SPEECH_AFTER and i > 0 and toks[i - 1].text in (",", "”")
                pending.append((seg, i, j, (role, state) if (role or speaks) and j - i == 1 else None))
    # Short forms: surnames and first names of the people found, the database's aliases.
    short: dict[str, str] = {}
    for actor in reg.actors.values():
        if actor.kind == "person":
            for form in (actor.name, *actor.aliases):
                short.setdefault(norm_key(short_name(form)), actor.name)
    for seg, i, j, alone in pending:
        toks = seg.tokens
        if alone is not None and "-" not in toks[i].text and norm_key(toks[i].text) not in short:
            name = reg.person(toks[i].text, toks[i].start, alone[0], alone[1], not seg.caption)
            short[norm_key(toks[i].text)] = name
            seg.mentions.append(Mention(name, "person", i, j, toks[i].start, toks[i].end))
            continue
        for k in range(i, j):
            tok = toks[k]
            parts = tok.text.split("-") if "-" in tok.text else [tok.text]
            offset = tok.start
            for part in parts:
                target = short.get(norm_key(part))
                if target:
                    actor = reg.actors[target]
                    actor.in_news |= not seg.caption
                    seg.mentions.append(Mention(target, "person", k, k + 1, offset, offset + len(part), "alias"))
                offset += len(part) + 1
    _role_references(segments, chunked, reg)
    # Pronouns of speakers: "she said" is the last person named before.
    last_person = ""
    for seg in segments:
        seg.mentions.sort(key=lambda m: (m.i, m.start))
        if seg.caption:
            continue
        people = {m.i: m for m in seg.mentions if m.kind == "person"}
        extra = []
        for k, tok in enumerate(seg.tokens):
            if k in people:
                last_person = people[k].actor
            elif tok.lower in PRONOUNS and last_person:
                extra.append(Mention(last_person, "person", k, k + 1, tok.start, tok.end, "pronoun"))
        if extra:
            seg.mentions = sorted(seg.mentions + extra, key=lambda m: (m.i, m.start))
    for n, seg in enumerate(segments):
        seg.index = n
    forms: dict[str, set[str]] = {}  # the words each actor was named by
    for seg in segments:
        for m in seg.mentions:
            if m.how in ("name", "capital"):
                forms.setdefault(m.actor, set()).add(text[m.start : m.end])
    for actor in reg.actors.values():
        if actor.kind == "person":
            actor.aliases.add(short_name(actor.name))
            actor.aliases.discard(actor.name)
        known = lexicon.aliases.get(actor.name)
        if known:
            actor.aliases |= known & forms.get(actor.name, set())
    return Actors(reg.actors, segments)


def _role_references(segments: list[Segment], chunked: list[list[_Chunk]], reg: _Registry) -> None:
    """'the North Korean leader said': a title with no name after it is the one person who holds it."""
    people = [a for a in reg.actors.values() if a.kind == "person" and a.role]
    if not people:
        return
    for seg, chunks in zip(segments, chunked, strict=True):
        if seg.caption:
            continue
        toks = seg.tokens
        for c, ch in enumerate(chunks):
            if ch.kind != "title":
                continue
            after = chunks[c + 1] if c + 1 < len(chunks) and chunks[c + 1].i <= ch.j + 1 else None
            if after and (after.kind == "run" or (after.kind == "entity" and after.entry.kind == "person")):
                continue  # a name follows: "President Donald Trump"
            if any(m.i <= ch.i < m.j for m in seg.mentions):
                continue
            title = " ".join(t.lower for t in toks[ch.i : ch.j])
            state = ""
            if c > 0 and chunks[c - 1].kind == "entity" and ch.i - chunks[c - 1].j <= 2:
                entry = chunks[c - 1].entry
                if entry.kind in ("state", "demonym"):
                    state = entry.canonical
            if not state:
                continue  # "the president" alone is too vague
            holders = [a for a in people if title in a.role.lower() and a.state == state]
            if len(holders) == 1:
                name = holders[0].name
                seg.mentions.append(Mention(name, "person", ch.i, ch.j, toks[ch.i].start, toks[ch.j - 1].end, "role"))
