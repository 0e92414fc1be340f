"""Events in an article: what happened (or is planned), when, where, who took part, and proof.

    find_events(text, actors, timexes, dct, lexicon) -> list[Event]

Built from how news language reports diplomacy, sentence by sentence:
- a trigger word of a kind (data/triggers.tsv: "summit", "met", "letter", "phone call",
  "recalling its ambassador"...) makes an event mention, unless negated ("did not meet") or
  inside a quotation (a quotation may only add evidence to an event the reporting already has);
- a statement needs a named speaker and either a date of its own ("said on Monday") or a public
  channel ("in a statement", "told reporters", "at a briefing", "tweeted"): opinions ("X is doing
  the right thing, said an analyst") give none;
- the date is the temporal expression that belongs to the trigger: a premodifier ("their June 12
  summit"), one after it ("a parade in Pyongyang on Sunday", "a phone call on Wednesday"), one
  fronted ("On Monday, ..."), else one earlier in its clause; never the date of the attribution
  ("..., Sanders said on Monday"), which instead bounds what the speaker reports: a past event is
  then in the week up to the statement ("on or before Monday"), a present one on its day;
- status from tense and modality around the trigger: cancelled, speculative (may, if, likely),
  proposed (asking for, offered), planned (will, expected to, agreed to, set for), else occurred;
- participants from the clause (subject, "with X", "between X and Y", "from X", "to X"),
  anaphors ("the two leaders", "they", "the latter") and, for a parade or a launch without one,
  the state of its place;
- mentions in several sentences of one happening merge into one event: same kind group, dates
  that fit, participants that fit, the same realis/irrealis status; a definite "the summit"
  refers back to the latest one.
An event is kept only when it has a date, or is planned/proposed/speculative with a named
participant: an undated past happening is background, not news.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from articles.extraction.actors import Actors, Mention, Segment, Tok
from articles.extraction.lexicon import Lexicon, Trigger
from articles.extraction.types import Timex

# Kinds that may be one happening, for merging; a visit is not merged with a meeting.
GROUPS = {
    "summit": "meet",
    "meeting": "meet",
    "talks": "meet",
    "visit": "visit",
    "letter": "letter",
    "call": "call",
    "statement": "say",
    "briefing": "say",
    "parade": "parade",
    "military_display": "parade",
    "test_launch": "launch",
    "agreement": "agreement",
    "sanction": "sanction",
    "expulsion": "expulsion",
    "other": "other",
}
# Which kind names a merged event, most specific first.
KIND_ORDER = [
    "summit",
    "briefing",
    "parade",
    "military_display",
    "talks",
    "meeting",
    "visit",
    "letter",
    "call",
    "statement",
    "test_launch",
    "agreement",
    "sanction",
    "expulsion",
    "other",
]
REALIS = {"occurred"}
LEADER_TITLES = ("president", "leader", "prime minister", "premier", "chancellor", "king", "emir", "sultan")

NEGATION = frozenset(
    [
        "not",
        "never",
        "no",
        "without",
        "didn",
        "doesn",
        "don",
        "isn",
        "aren",
        "wasn",
        "weren",
        "hasn",
        "haven",
        "hadn",
        "won",
        "cannot",
    ]
)
CANCELLED = frozenset(
    [
        "cancel",
        "cancels",
        "cancelled",
        "canceled",
        "cancelling",
        "scrapped",
        "scrap",
        "scraps",
        "postponed",
        "suspended",
    ]
)
SPECULATIVE = frozenset(
    [
        "may",
        "might",
        "could",
        "would",
        "if",
        "possible",
        "possibly",
        "likely",
        "perhaps",
        "whether",
        "unclear",
        "uncertain",
        "consider",
        "considering",
        "considered",
        "mulling",
        "speculation",
        "speculated",
        "potential",
        "rumoured",
        "rumored",
    ]
)
PROPOSED = frozenset(
    [
        "asking",
        "asked",
        "ask",
        "request",
        "requested",
        "requests",
        "requesting",
        "propose",
        "proposed",
        "proposes",
        "proposal",
        "proposing",
        "offer",
        "offered",
        "offers",
        "invite",
        "invited",
        "invitation",
        "suggest",
        "suggested",
        "seeking",
        "seek",
        "sought",
        "urged",
        "urging",
        "wants",
        "want",
        "wanted",
        "hope",
        "hopes",
        "hoping",
        "trying",
        "try",
        "arrange",
        "arranging",
        "schedule",
        "scheduling",
        "push",
        "pushing",
        "open",
    ]
)
PLANNED = frozenset(
    [
        "will",
        "'ll",
        "shall",
        "scheduled",
        "set",
        "planned",
        "plans",
        "plan",
        "planning",
        "expected",
        "expects",
        "due",
        "upcoming",
        "next",
        "later",
        "prepare",
        "preparing",
        "preparations",
    ]
)
# After a noun, only words of the future make it a plan ("a meeting set for June"), not "agreed upon".
FUTURE_AFTER = frozenset(["will", "set", "scheduled", "planned", "due", "expected", "slated"])
# Verbs that bring a happening about: "to hold talks", "to restart negotiations".
STARTING_VERBS = frozenset(
    [
        "hold",
        "resume",
        "restart",
        "start",
        "begin",
        "launch",
        "open",
        "reopen",
        "convene",
        "arrange",
        "schedule",
        "host",
        "have",
        "sign",
    ]
)
QUALIFIED_NOUNS = frozenset(
    [
        "elections",
        "election",
        "vote",
        "polls",
        "campaign",
        "media",
        "ties",
        "relations",
        "border",
        "economy",
        "market",
        "markets",
        "programme",
        "program",
        "crisis",
        "policy",
        "law",
        "laws",
        "rules",
        "standards",
    ]
)
# What stands before a verb in its base form: "will host", "to meet", "did not visit".
VERB_BEFORE = frozenset(
    [
        "to",
        "will",
        "would",
        "'ll",
        "shall",
        "may",
        "might",
        "could",
        "can",
        "should",
        "must",
        "did",
        "do",
        "does",
        "not",
        "never",
        "also",
        "then",
        "they",
        "we",
        "i",
        "you",
        "he",
        "she",
        "them",
        "us",
        "leaders",
        "both",
        "let",
    ]
)
# Roles of people whose words are comment, not diplomacy.
COMMENTATORS = (
    "analyst",
    "professor",
    "expert",
    "researcher",
    "fellow",
    "scholar",
    "economist",
    "studies",
    "think tank",
    "lecturer",
    "commentator",
)
DEFINITE = frozenset(["the", "this", "that", "these", "those", "its", "their", "his", "her"])
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "another": -1,
    "new": -1,
    "next": -1,
}
SUBORDINATORS = frozenset(
    ["after", "amid", "because", "although", "though", "while", "whereas", "which", "who", "since"]
)
CLAUSE_PUNCT = frozenset(",;:—–()")
QUOTE_OPEN = "“"
QUOTE_CLOSE = "”"
ANAPHORS = {
    ("the", "two", "leaders"),
    ("both", "leaders"),
    ("the", "leaders"),
    ("the", "two", "sides"),
    ("the", "pair"),
}
PLURAL_PRONOUNS = frozenset(["they", "their", "them"])
ROLE_WORDS = frozenset(
    [
        "spokeswoman",
        "spokesman",
        "spokesperson",
        "leader",
        "president",
        "minister",
        "adviser",
        "advisor",
        "director",
        "official",
        "envoy",
        "ambassador",
        "secretary",
        "chief",
        "deputy",
        "foreign",
        "senior",
        "the",
        "a",
        "of",
        "and",
    ]
)
TIMEX_LEAD = frozenset(["on", "in", "at", "last", "this", "earlier", "late", "early", "later", "by"])


@dataclass
class Participant:
    actor: str
    role: str = "participant"


@dataclass
class Event:
    kind: str
    status: str
    title: str = ""
    date_value: str = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    date_text: str = ""
    place: str = ""
    place_state: str = ""
    participants: list[Participant] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)  # sentence spans in the text
    # working state, while mentions merge
    kinds: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)  # the words that made its mentions
    statuses: list[str] = field(default_factory=list)
    ordinal: int = 0
    explicit_date: bool = False
    derived: bool = False
    last_sentence: int = 0

    @property
    def group(self) -> str:
        return GROUPS.get(self.kind, self.kind)

    def actor_names(self) -> list[str]:
        return [p.actor for p in self.participants]


@dataclass
class _Mention:
    kind: str
    status: str
    sentence: int
    i: int  # trigger tokens
    j: int
    participants: list[Participant]
    timex: Timex | None = None
    derived: tuple[dt.date, dt.date, str] | None = None  # a bound from the attribution: (first, last, text)
    place: str = ""
    place_state: str = ""
    ordinal: int = 0
    definite: bool = False
    quoted: bool = False
    evidence: tuple[int, int] = (0, 0)
    explicit_participants: bool = False
    trigger: str = ""


@dataclass
class _Attribution:
    verb: int
    start: int  # token span of the attribution: speaker, verb, channel, date
    end: int
    speaker: Mention | None
    channel: str  # event kind from the channel, or ""
    timex: Timex | None
    complement: tuple[int, int]  # token span of what was said
    form: str


# ---------------------------------------------------------------------------------------------
# Sentence reading


def _quoted(toks: list[Tok]) -> list[bool]:
    inside = False
    out = []
    for t in toks:
        if t.text == QUOTE_OPEN:
            inside = True
            out.append(True)
            continue
        out.append(inside)
        if t.text == QUOTE_CLOSE:
            inside = False
    return out


def _tweet_signature(toks: list[Tok], text: str) -> int:
    """'... — Donald J. Trump (@realDonaldTrump) May 26, 2018': the index of the dash, or -1."""
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].text.startswith("@") and k >= 2 and toks[k - 1].text == "(":
            for d in range(k - 2, max(-1, k - 8), -1):
                if toks[d].text in ("—", "–", "-"):
                    return d
            return -1
    return -1


def _clause_bounds(toks: list[Tok]) -> list[int]:
    """Token indices where a new clause starts (punctuation, subordinators, 'and the')."""
    starts = [0]
    for k, t in enumerate(toks):
        if t.text in CLAUSE_PUNCT and k + 1 < len(toks):
            starts.append(k + 1)
        elif t.lower in SUBORDINATORS and k > 0:
            starts.append(k)
        elif t.lower == "and" and k + 1 < len(toks) and toks[k + 1].lower in ("the", "a", "an", "urged", "said"):
            # "... a second meeting and the White House is looking": a new clause; but "South Korea
            # and the United States" coordinates two names.
            names = k > 0 and toks[k - 1].is_cap and k + 2 < len(toks) and toks[k + 2].is_cap
            starts.extend([] if names else [k])
    return sorted(set(starts))


def _clause_of(bounds: list[int], k: int, n: int) -> tuple[int, int]:
    start = 0
    end = n
    for b in bounds:
        if b <= k:
            start = b
        else:
            end = b
            break
    return start, end


def _timexes_in(seg: Segment, timexes: list[Timex]) -> list[tuple[int, int, Timex]]:
    """Dated timexes of a sentence as token spans."""
    out = []
    toks = seg.tokens
    for tx in timexes:
        if tx.end <= seg.start or tx.start >= seg.end or tx.type not in ("DATE", "TIME") or tx.first is None:
            continue
        i = next((k for k, t in enumerate(toks) if t.end > tx.start), None)
        if i is None:
            continue
        j = i
        while j < len(toks) and toks[j].start < tx.end:
            j += 1
        out.append((i, j, tx))
    return out


def _match_phrase(toks: list[Tok], k: int, phrases) -> int:
    for length in (4, 3, 2, 1):
        if k + length <= len(toks) and tuple(t.lower for t in toks[k : k + length]) in phrases:
            return length
    return 0


def _attributions(seg: Segment, lex: Lexicon, tx_spans, quoted) -> list[_Attribution]:
    toks = seg.tokens
    n = len(toks)
    out = []
    tx_at = {i: (j, tx) for i, j, tx in tx_spans}
    for k, t in enumerate(toks):
        form = lex.speech_verbs.get(t.lower)
        if form is None or quoted[k]:
            continue
        speaker = None
        start = k
        # "Sanders said", "Di Maio has said", "she said"; inverted: "said Harry Kazianis".
        back = k - 1
        while back >= 0 and toks[back].lower in ("has", "had", "have", "also", "later", "then", "again", "earlier"):
            back -= 1
        before = [m for m in seg.mentions if m.j == back + 1 and m.kind != "place" and m.how != "demonym"]
        if not before and back >= 0 and toks[back].text == ",":
            # "Merkel, the German chancellor, said": the name before the apposition.
            comma = next((c for c in range(back - 1, max(-1, back - 10), -1) if toks[c].text == ","), -1)
            if comma > 0 and toks[comma + 1].lower in ("the", "a", "an", "who"):
                before = [m for m in seg.mentions if m.j == comma and m.kind == "person"]
        if before:
            speaker = before[-1]
            start = speaker.i
        else:
            after = [m for m in seg.mentions if m.i == k + 1 and m.kind == "person"]
            if after:
                speaker = after[0]
        pos = k
        channel = ""
        timex = None
        length = _match_phrase(toks, pos, lex.channels)
        if length:
            channel = lex.channels[tuple(x.lower for x in toks[pos : pos + length])]
            pos += length
        else:
            pos += 1
        if speaker is not None and speaker.i == k + 1:
            pos = speaker.j
        while pos < n:
            length = _match_phrase(toks, pos, lex.channels)
            if length:
                channel = channel or lex.channels[tuple(x.lower for x in toks[pos : pos + length])]
                pos += length
                continue
            lead = pos + 1 if toks[pos].lower in TIMEX_LEAD else pos
            if lead in tx_at and timex is None:
                pos, timex = tx_at[lead]
                continue
            break
        # The speaker's title belongs to the attribution: ", White House spokeswoman Sarah Sanders said".
        head = start
        while head > 0 and start - head < 7 and toks[head - 1].text not in (",", QUOTE_CLOSE, ";", ":"):
            head -= 1
        if pos < n and toks[pos].lower == "that":
            comp = (pos + 1, n)
        elif (
            head > 0
            and toks[head - 1].text in (",", QUOTE_CLOSE)
            and all(not t.text[0].isalnum() for t in toks[pos:])  # "..., Sanders said on Monday."
        ):
            start = head
            comp = (0, head - 1)
        else:
            comp = (pos, n)
        if timex is None and speaker is not None and tx_spans:
            # "On Monday, Sanders said ...": a date that opens the sentence dates its speech.
            i0, e0, tx0 = tx_spans[0]
            if i0 <= 1 and e0 < n and toks[e0].text == "," and e0 < speaker.i <= e0 + 6 and k <= speaker.j + 2:
                timex = tx0
        out.append(_Attribution(k, start, pos, speaker, channel, timex, comp, form))
    return out


def _requires_ok(toks: list[Tok], k: int, j: int, trig: Trigger) -> bool:
    if not trig.requires:
        return True
    lo, hi = max(0, k - 6), min(len(toks), j + 10)
    return any(t.lower in trig.requires for t in toks[lo:hi])


def _triggers(seg: Segment, lex: Lexicon, skip: set[int]) -> list[tuple[int, int, Trigger]]:
    toks = seg.tokens
    out = []
    k = 0
    while k < len(toks):
        if k in skip:
            k += 1
            continue
        found = None
        for trig in lex.triggers.get(toks[k].lower, ()):
            m = len(trig.words)
            if tuple(t.lower for t in toks[k : k + m]) == trig.words and _requires_ok(toks, k, k + m, trig):
                found = trig
                break
        if found and found.form == "noun" and k > 0 and toks[k].is_cap and toks[k - 1].is_cap:
            found = None  # part of a name: "the Warsaw Pact", "the Paris Agreement"
        if found:
            out.append((k, k + len(found.words), found))
            k += len(found.words)
        else:
            k += 1
    return out


def _status(toks: list[Tok], k: int, j: int, trig: Trigger, clause: tuple[int, int]) -> str | None:
    """The status a trigger's context gives it; None when it is negated."""
    lo = max(clause[0], k - 6)
    before = [t.lower for t in toks[lo:k]]
    after = [t.lower for t in toks[j : min(clause[1], j + 5)]]
    near = before[-3:]
    if any(w in NEGATION or w == "t" for w in near):
        return None
    if any(w in CANCELLED for w in before[-3:] + after[:3]):
        return "cancelled"
    if trig.form == "base" and not (set(before[-2:]) & VERB_BEFORE) and not (k > 0 and toks[k - 1].is_cap):
        return None  # "a warning against travel to Kenya", "a visit": a noun, not the verb
    if trig.form == "past":
        # "met", "visited": a past verb is a fact ("they next met"), unless a modal hedges it.
        if any(w in ("may", "might", "could", "would", "reportedly", "allegedly") for w in before[-3:]):
            return "speculative"
        return "occurred"
    if any(w in SPECULATIVE for w in before) or (trig.form == "noun" and any(w in SPECULATIVE for w in after[:3])):
        return "speculative"
    if any(w in PROPOSED for w in before):
        return "proposed"
    if "to" in before[-1:] and trig.form == "base":
        # "the first leader to visit" is a fact; "agreed to meet", "plans to visit" are plans.
        if any(w in ("first", "last", "only") for w in before):
            return "occurred"
        return "planned"
    if any(w in PLANNED for w in before):
        return "planned"
    # "agreed to restart trade talks", "to hold a summit": a happening still to come.
    if trig.form == "noun" and "to" in before[-4:]:
        after_to = before[len(before) - before[::-1].index("to") :]
        if after_to and after_to[0] in STARTING_VERBS:
            return "planned"
    if trig.form == "noun" and "for" in before[-3:] and any(w in ("the", "a", "an") for w in before[-2:]):
        return "planned"
    if trig.form == "noun" and any(w in FUTURE_AFTER for w in after[:3]):
        return "planned"
    return "occurred"


# ---------------------------------------------------------------------------------------------
# Participants


class _Context:
    def __init__(self, text: str, actors: Actors, lex: Lexicon, dct: dt.date):
        self.text = text
        self.actors = actors
        self.lex = lex
        self.dct = dct
        self.last_group: list[str] = []  # participants of the latest event with two or more
        self.shorts: dict[str, str] | None = None  # person -> short name, for titles
        self.short_count: dict[str, int] = {}

    def state_of(self, name: str) -> str:
        a = self.actors.actors.get(name)
        if a is None:
            return ""
        return name if a.kind == "state" else a.state

    def pair(self, seg: Segment, at: int) -> list[str]:
        """Who 'the two leaders' or 'they' are: the latest event's people, else the last two named."""
        if self.last_group:
            return self.last_group
        seen: list[str] = []
        for other in self.actors.sentences():
            if other.start > seg.start:
                break
            for m in other.mentions:
                if m.kind == "person" and (other is not seg or m.i < at):
                    if m.actor in seen:
                        seen.remove(m.actor)
                    seen.append(m.actor)
        return seen[-2:] if len(seen) >= 2 else []

    def kind_of(self, name: str) -> str:
        a = self.actors.actors.get(name)
        return a.kind if a is not None else ""

    def leaders_of(self, states: list[str]) -> list[str]:
        out = []
        for a in self.actors.actors.values():
            role = a.role.lower()
            if a.kind == "person" and a.state in states and any(w in role for w in LEADER_TITLES):
                out.append(a.name)
        return out

    def persons_of_states(self, states: list[str]) -> list[str]:
        out = []
        for st in states:
            for a in self.actors.actors.values():
                if a.kind == "person" and a.state == st and a.in_news and a.name not in out:
                    out.append(a.name)
                    break
        return out


def _role_modifiers(seg: Segment) -> set[int]:
    """Mentions that only qualify a person's name ('US' in 'US President Donald Trump')."""
    skip = set()
    people = [m for m in seg.mentions if m.kind == "person" and m.how == "name"]
    toks = seg.tokens
    for idx, m in enumerate(seg.mentions):
        if m.kind in ("state", "organisation"):
            for p in people:
                if 0 <= p.i - m.j <= 5 and p.i > m.i and not any(t.text in ",;()" for t in toks[m.j : p.i]):
                    skip.add(idx)
                    break
    return skip


def _participants(
    seg: Segment,
    k: int,
    j: int,
    kind: str,
    clause: tuple[int, int],
    excluded: set[int],
    ctx: _Context,
) -> tuple[list[Participant], bool]:
    """Who took part, and whether the text named them next to the trigger (explicit)."""
    toks = seg.tokens
    n = len(toks)
    out: list[Participant] = []

    def add(name: str, role: str = "participant"):
        if name and all(p.actor != name for p in out):
            out.append(Participant(name, role))

    mentions = [
        (idx, m)
        for idx, m in enumerate(seg.mentions)
        if idx not in excluded
        and m.kind in ("person", "state", "organisation")
        and (
            m.how != "demonym"
            or (kind == "expulsion" and m.j < n and toks[m.j].lower in ("diplomat", "diplomats", "ambassador", "envoy"))
        )
        # "the European Parliament elections", "White House officials": a name that only qualifies a noun
        and not (m.kind != "person" and m.j < n and toks[m.j].lower in QUALIFIED_NOUNS)
    ]
    # "a Trump-Kim meeting": names glued to the trigger.
    glued = [m for _, m in mentions if m.j == k or (m.j == k - 1 and toks[k - 1].lower in ("’s", "'s"))]
    hyphen = [m for _, m in mentions if m.i == k - 1 and "-" in toks[m.i].text and m.how == "alias"]
    if hyphen:
        for m in hyphen:
            add(m.actor)
        return out, True
    if glued and kind in ("summit", "meeting", "talks") and glued[-1].kind == "organisation":
        add(glued[-1].actor)
        return out, True
    # "between X and Y"
    if j < n and toks[j].lower == "between":
        for _, m in mentions:
            if j < m.i <= j + 12:
                add(m.actor)
        if out:
            return out, True
    lo, hi = clause
    # Anaphors: "the two leaders", "they", "their", "the latter".
    words = [t.lower for t in toks]
    for a in range(lo, hi):
        if tuple(words[a : a + 3]) in ANAPHORS or tuple(words[a : a + 2]) in ANAPHORS:
            # "the leaders of North Korea and South Korea"
            states = [m.actor for _, m in mentions if m.kind == "state" and a < m.i <= a + 8 and "of" in words[a : m.i]]
            if states:
                for name in ctx.persons_of_states(states) or states:
                    add(name)
            else:
                for name in ctx.pair(seg, a):
                    add(name)
            break
        if words[a] in PLURAL_PRONOUNS and a <= k:
            for name in ctx.pair(seg, a):
                add(name)
            break
        if words[a] == "latter" and a > 0 and words[a - 1] == "the":
            prior = [m for _, m in mentions if m.kind == "person" and m.i < a]
            if prior:
                add(prior[-1].actor, "guest" if kind == "visit" else "participant")
    for _, m in mentions:
        if not (lo <= m.i < hi):
            continue
        role = "participant"
        prev = _preposition_before(toks, m.i)
        if kind == "letter":
            if prev == "from" or (
                m.i < k and any(w in ("wrote", "writes", "sent", "sends") for w in words[m.i : k + 1])
            ):
                role = "sender"
            elif prev == "to" or (m.i < k and "received" in words[m.i : k]):
                role = "recipient"
        elif kind == "visit":
            role = "guest" if m.i < k else "host"
        elif kind == "expulsion":
            role = "target" if prev in ("to", "from", "of", "with") and m.i > k else "participant"
            if m.i > k and m.j < len(words) and words[m.j] in ("diplomat", "diplomats", "ambassador", "envoy"):
                role = "target"
        elif kind == "sanction":
            role = "target" if m.i > k and prev in ("on", "against") else "participant"
        elif kind in ("statement", "briefing"):
            role = "speaker"
        add(m.actor, role)
    # Named right after the trigger ("a meeting with Kim", "a letter from Kim"): explicit.
    explicit = any(
        j <= m.i <= j + 4 and m.i > 0 and words[m.i - 1] in ("with", "from", "to", "between") for _, m in mentions
    )
    return out, explicit


def _preposition_before(toks: list[Tok], i: int) -> str:
    """The word before a name and its title: 'from' in 'from North Korean leader Kim Jong Un'."""
    k = i - 1
    while k >= 0 and i - k <= 6 and (toks[k].is_cap or toks[k].lower in ROLE_WORDS or toks[k].lower in ("’s", "'s")):
        k -= 1
    return toks[k].lower if k >= 0 else ""


def _place(seg: Segment, k: int, j: int, clause: tuple[int, int]) -> tuple[str, str]:
    toks = seg.tokens
    for m in seg.mentions:
        if m.kind == "place" and j <= m.i <= j + 8 and m.i < clause[1] + 8:
            prev = toks[m.i - 1].lower if m.i else ""
            if prev in ("in", "at", "to", "near") or (m.i >= 2 and toks[m.i - 2].lower in ("in", "at", "to")):
                return m.actor, m.state
    for m in seg.mentions:
        if m.kind == "place" and clause[0] <= m.i < k and m.i >= k - 6:
            return m.actor, m.state
    return "", ""


# ---------------------------------------------------------------------------------------------
# Dates


def _listed_timexes(seg: Segment, tx_spans) -> set[int]:
    """Timexes of 'after Roh Moo-hyun in 2007 and Kim Dae-jung in 2000': they date other visits."""
    toks = seg.tokens
    persons = {m.i: m for m in seg.mentions if m.kind == "person"}
    tx_at = {i: (e, tx) for i, e, tx in tx_spans}
    out = set()
    for k, t in enumerate(toks):
        if t.lower not in ("after", "following", "like"):
            continue
        pos = k + 1
        while pos in persons:
            q = persons[pos].j
            if q < len(toks) and toks[q].lower in ("in", "on"):
                q += 1
            if q not in tx_at:
                break
            e, tx = tx_at[q]
            out.add(id(tx))
            pos = e
            while pos < len(toks) and toks[pos].lower in (",", "and"):
                pos += 1
    return out


def _own_timex(toks, k, j, kind_form, tx_spans, clause, zones, fronted, next_trigger, listed) -> Timex | None:
    usable = [(i, e, tx) for i, e, tx in tx_spans if not any(a <= i < b for a, b in zones) and id(tx) not in listed]
    # "their June 12 summit", "Saturday's meeting"
    if kind_form == "noun":
        for _i, e, tx in usable:
            if 0 <= k - e <= 2 and (e == k or toks[e].lower in ("’s", "'s") or toks[e].is_cap is False):
                return tx
    # After the trigger, up to the next one, unless this happens at or on the sidelines of that one
    # ("to meet on the sidelines of a G-20 meeting set for June 28-29").
    stop = next_trigger
    if any(t.lower in ("sidelines", "margins", "during", "at") for t in toks[j:next_trigger]):
        stop = len(toks)
    after = [(i, tx) for i, e, tx in usable if j <= i <= j + 15 and i < stop]
    if after:
        return min(after, key=lambda x: x[0])[1]
    if fronted is not None:
        return fronted
    # Earlier in the clause, unless an infinitive stands between: "agreed on Saturday to restart
    # trade talks" dates the agreement, not the talks.
    before = [(i, tx) for i, e, tx in usable if clause[0] <= i < k and all(t.lower != "to" for t in toks[e:k])]
    if before:
        return max(before, key=lambda x: x[0])[1]
    # "X hosted Y on Wednesday, and the two leaders signed a declaration": a coordinated clause
    # shares the date of the one before it.
    if clause[0] > 0 and toks[clause[0]].lower == "and":
        prior = [(i, tx) for i, e, tx in usable if i < clause[0] and all(t.text not in ";:" for t in toks[e:k])]
        if prior:
            return max(prior, key=lambda x: x[0])[1]
    return None


def _week_before(day: dt.date) -> tuple[dt.date, dt.date]:
    return day - dt.timedelta(days=6), day


# ---------------------------------------------------------------------------------------------
# Merging


def _compatible_dates(a_start, a_end, b_start, b_end) -> bool:
    if a_start is None or b_start is None:
        return True
    return a_start <= (b_end or b_start) and b_start <= (a_end or a_start)


def _mention_span(m: _Mention) -> tuple[dt.date | None, dt.date | None]:
    if m.timex is not None:
        first = m.timex.range_first or m.timex.first
        last = m.timex.range_last or m.timex.last
        return first, last
    if m.derived:
        return m.derived[0], m.derived[1]
    return None, None


def _actor_fits(a: str, b: str, ctx: _Context) -> bool:
    if a == b:
        return True
    sa, sb = ctx.state_of(a), ctx.state_of(b)
    ka = ctx.actors.actors.get(a)
    kb = ctx.actors.actors.get(b)
    if ka and kb and ka.kind == "person" and kb.kind == "person":
        return False
    return bool(sa) and (
        sa == b or sb == a or (sa == sb and "state" in (getattr(ka, "kind", ""), getattr(kb, "kind", "")))
    )


def _fits(ev: Event, m: _Mention, ctx: _Context) -> bool:
    if ev.group != GROUPS.get(m.kind, m.kind):
        return False
    if (ev.statuses[-1] in REALIS) != (m.status in REALIS):
        return False
    if ev.ordinal and m.ordinal and ev.ordinal != m.ordinal and -1 not in (ev.ordinal, m.ordinal):
        return False
    s, e = _mention_span(m)
    if not _compatible_dates(ev.date_start, ev.date_end, s, e):
        return False
    if ev.explicit_date and m.timex is not None and not _compatible_dates(ev.date_start, ev.date_end, s, e):
        return False
    names = [p.actor for p in m.participants]
    if ev.group == "say":
        # One speaker, one statement.
        speakers = [p.actor for p in ev.participants if p.role == "speaker"]
        mine = [p.actor for p in m.participants if p.role == "speaker"]
        return bool(speakers and mine and speakers[0] == mine[0])
    if not names:
        return True
    if not ev.participants:
        return m.definite
    return all(any(_actor_fits(x, y, ctx) for y in ev.actor_names()) for x in names)


def _twin(ev: Event, m: _Mention) -> bool:
    """Two mentions in one sentence of one happening: same group, same date, same participants."""
    if m.timex is None or not ev.explicit_date or ev.group != GROUPS.get(m.kind, m.kind):
        return False
    first, last = _mention_span(m)
    names = {p.actor for p in m.participants}
    return (first, last) == (ev.date_start, ev.date_end) and bool(names) and names == set(ev.actor_names())


def _merge(ev: Event, m: _Mention, text: str) -> None:
    ev.kinds.append(m.kind)
    ev.triggers.append(m.trigger)
    ev.statuses.append(m.status)
    ev.ordinal = ev.ordinal if ev.ordinal > 0 else (m.ordinal or ev.ordinal)
    for p in m.participants:
        existing = next((q for q in ev.participants if q.actor == p.actor), None)
        if existing is None:
            ev.participants.append(Participant(p.actor, p.role))
        elif existing.role == "participant" and p.role != "participant":
            existing.role = p.role
    if m.evidence not in ev.evidence:
        ev.evidence.append(m.evidence)
    if not ev.place and m.place:
        ev.place, ev.place_state = m.place, m.place_state
    if m.timex is not None and not ev.explicit_date:
        tx = m.timex
        ev.explicit_date = True
        ev.derived = False
        if tx.range_first and tx.range_last:
            ev.date_start, ev.date_end = tx.range_first, tx.range_last
            ev.date_precision = "range" if tx.range_first != tx.range_last else "day"
        else:
            ev.date_start, ev.date_end, ev.date_precision = tx.first, tx.last, tx.precision
        ev.date_value = tx.value if tx.type == "DATE" else tx.value[:10]
        ev.date_text = tx.text
    elif m.derived and ev.date_start is None:
        ev.date_start, ev.date_end, ev.date_text = m.derived
        ev.derived = True
        ev.date_precision = "day" if ev.date_start == ev.date_end else "range"
        ev.date_value = ev.date_start.isoformat() if ev.date_start == ev.date_end else ""
    ev.last_sentence = m.sentence


# ---------------------------------------------------------------------------------------------


def find_events(text: str, actors: Actors, timexes: list[Timex], dct: dt.date | None, lexicon: Lexicon) -> list[Event]:
    """The events of an article's news sentences (captions never give any), merged within it."""
    ctx = _Context(text, actors, lexicon, dct or dt.date.today())
    events: list[Event] = []
    mentions: list[_Mention] = []
    for seg in actors.sentences():
        mentions.extend(_read(seg, ctx, timexes, dct))
    for m in mentions:
        target = None
        candidates = [ev for ev in events if ev.last_sentence < m.sentence or m.definite or m.quoted or _twin(ev, m)]
        for ev in reversed(candidates):
            if _fits(ev, m, ctx):
                target = ev
                break
        if target is None:
            if m.quoted:
                continue  # a quotation adds evidence, never a new event
            if m.definite and m.timex is None and not m.explicit_participants:
                continue  # "the meeting" with nothing before it to refer to: background
            target = Event(kind=m.kind, status=m.status, ordinal=m.ordinal)
            events.append(target)
        _merge(target, m, text)
    out = []
    for ev in events:
        _finish(ev, ctx)
        if _worth_keeping(ev, ctx):
            out.append(ev)
    return out


def _read(seg: Segment, ctx: _Context, timexes: list[Timex], dct: dt.date | None) -> list[_Mention]:
    """Event mentions of one sentence, in order; updates the context's latest participants."""
    text, lex = ctx.text, ctx.lex
    toks = seg.tokens
    n = len(toks)
    if n == 0:
        return []
    quoted = _quoted(toks)
    tweet = _tweet_signature(toks, text)
    tx_spans = _timexes_in(seg, timexes)
    if tweet >= 0:
        for k in range(tweet):
            quoted[k] = True
    atts = _attributions(seg, lex, tx_spans, quoted)
    zones = [(a.start, a.end) for a in atts]
    skip = set()
    for a in atts:
        skip.update(range(a.verb, a.end))
    bounds = _clause_bounds(toks)
    excluded = _role_modifiers(seg)
    # Speakers are not participants of what they report.
    for a in atts:
        if a.speaker is not None:
            for idx, m in enumerate(seg.mentions):
                if m.i == a.speaker.i and m.j == a.speaker.j:
                    excluded.add(idx)
    fronted = None
    if tx_spans and tx_spans[0][0] <= 1 and any(t.text == "," for t in toks[tx_spans[0][1] : tx_spans[0][1] + 1]):
        fronted = tx_spans[0][2]
        if any(a.timex is fronted for a in atts):
            fronted = None  # "On Monday, Trump said Kim had sent a letter": Monday dates the saying
    evidence = (seg.start, seg.end)
    out: list[_Mention] = []
    found = _triggers(seg, lex, skip)
    claimed: set[int] = set()
    # Organisations glued before a noun trigger ("a G-20 meeting") belong to it alone.
    for k, _j, trig in found:
        for idx, m in enumerate(seg.mentions):
            if m.j == k and m.kind == "organisation" and trig.form == "noun":
                claimed.add(idx)
    previous: _Mention | None = None
    listed = _listed_timexes(seg, tx_spans)
    for k, j, trig in found:
        clause = _clause_of(bounds, k, n)
        if (
            clause[0] > 0
            and k == clause[0] + 1
            and toks[clause[0]].lower in SUBORDINATORS
            and toks[k].lower.endswith("ing")
        ):
            clause = (0, clause[1])  # "..., after meeting on the sidelines": the main clause's subject met
            gerund = True
        else:
            gerund = False
        status = _status(toks, k, j, trig, clause)
        if status is None:
            continue
        # "met ... in a surprise visit", "met in a “impromptu” summit": one happening.
        if previous is not None and previous.sentence == seg.index and trig.form == "noun":
            gap = [t.lower for t in toks[previous.j : k]]
            linked = len(gap) <= 9 and any(g in ("in", "during", "at") for g in gap[:6]) and gap[-1:] != ["for"]
            # "arrived in Seoul for a three-day visit": the visit is the arrival.
            same = GROUPS.get(trig.kind) == GROUPS.get(previous.kind) and "for" in gap[-4:]
            # "will host the second summit", "signed a joint declaration": verb and noun, one event.
            close = (
                GROUPS.get(trig.kind) == GROUPS.get(previous.kind)
                and len(gap) <= 4
                and not any(g in CLAUSE_PUNCT or g in SUBORDINATORS or g in ("and", "or", "to", "but") for g in gap)
            )
            articled = gap[-3:].count("a") + gap[-3:].count("an") + gap[-5:].count("“") > 0
            if close or ((linked or same) and articled):
                if KIND_ORDER.index(trig.kind) < KIND_ORDER.index(previous.kind) or trig.kind == "summit":
                    previous.kind = trig.kind
                previous.j = j
                previous.trigger = " ".join(t.lower for t in toks[_modifier_start(toks, k, trig) : j])
                excl = excluded | (claimed - {idx for idx, m in enumerate(seg.mentions) if m.j == k})
                extra, explicit = _participants(seg, k, j, trig.kind, clause, excl, ctx)
                if explicit:
                    previous.explicit_participants = True
                for p in extra:
                    if all(p.actor != q.actor for q in previous.participants):
                        previous.participants.append(p)
                if previous.timex is None:
                    later = [a for a, _b, _t in found if a > k]
                    previous.timex = _own_timex(
                        toks, k, j, trig.form, tx_spans, clause, zones, fronted, later[0] if later else n, listed
                    )
                continue
        excl = excluded | (claimed - {idx for idx, m in enumerate(seg.mentions) if m.j == k})
        parts, explicit = _participants(seg, k, j, trig.kind, clause, excl, ctx)
        if trig.kind == "summit" and parts:
            # A summit between states is one between their leaders.
            states = [p.actor for p in parts if ctx.kind_of(p.actor) == "state"]
            for name in ctx.leaders_of(states):
                if all(p.actor != name for p in parts):
                    parts.append(Participant(name))
        if trig.kind in ("parade", "military_display", "test_launch") and not parts:
            place, state = _place(seg, k, j, clause)
            if state:
                parts = [Participant(state, "host")]
        place, place_state = _place(seg, k, j, clause)
        later = [a for a, _b, _t in found if a > k]
        timex = _own_timex(toks, k, j, trig.form, tx_spans, clause, zones, fronted, later[0] if later else n, listed)
        if trig.kind == "agreement" and trig.form == "base":
            lead = [t.lower for t in toks[max(clause[0], k - 6) : k]]
            if "to" in lead[-2:] and any(w in ("agreed", "agree", "agrees", "decided") for w in lead):
                # "Iran and Saudi Arabia agreed on Friday to restore ties": the agreement is the event.
                status = "occurred"
                if timex is None:
                    prior = [
                        tx for i, _e, tx in tx_spans if clause[0] <= i < k and not any(a <= i < b for a, b in zones)
                    ]
                    timex = prior[-1] if prior else None
        if timex is None and gerund:
            # "agreed on Saturday to restart talks after meeting ...": the meeting was that day too.
            main = [tx for i, _e, tx in tx_spans if i < k and not any(a <= i < b for a, b in zones)]
            timex = main[-1] if main else None
        words = [t.lower for t in toks[max(clause[0], k - 4) : k]]
        ordinal = 0
        for w in words:
            if w in ORDINALS:
                ordinal = ORDINALS[w]
        for w in [t.lower for t in toks[j : min(n, j + 4)]]:
            if w in ("first", "second", "third", "fourth", "fifth"):
                ordinal = ordinal or ORDINALS[w]
        definite = bool(words) and words[-1] in DEFINITE and not explicit
        if definite and trig.form == "noun" and len(words) >= 1:
            definite = True
        derived = None
        att = next((a for a in atts if a.complement[0] <= k < a.complement[1]), None)
        if timex is None and att is not None and status in REALIS:
            day = att.timex.first if att.timex is not None else None
            if day is not None:
                if trig.form in ("present", "ing") or _progressive(toks, k):
                    derived = (day, day, att.timex.text)
                else:
                    derived = (*_week_before(day), f"on or before {att.timex.text}")
        if timex is not None and status == "occurred" and dct and timex.first and timex.first > dct:
            status = "planned"
        if timex is not None and status not in REALIS and dct and timex.first and timex.first < dct:
            timex = _coming_weekday(timex, dct)
        mention = _Mention(
            kind=trig.kind,
            status=status,
            sentence=seg.index,
            i=k,
            j=j,
            participants=parts,
            timex=timex,
            derived=derived,
            place=place,
            place_state=place_state,
            ordinal=ordinal,
            definite=definite,
            quoted=quoted[k],
            evidence=evidence,
            explicit_participants=explicit,
            trigger=" ".join(t.lower for t in toks[_modifier_start(toks, k, trig) : j]),
        )
        out.append(mention)
        previous = mention
        people = [
            p.actor for p in parts if ctx.actors.actors.get(p.actor) and ctx.actors.actors[p.actor].kind == "person"
        ]
        if len(people) >= 2:
            ctx.last_group = people
        # "to visit North Korea after Roh Moo-hyun in 2007 and Kim Dae-jung in 2000": one each.
        out.extend(_elliptic(seg, mention, tx_spans, ctx, evidence))
    for a in atts:
        if a.speaker is None or quoted[a.verb]:
            continue
        if a.timex is None and not a.channel:
            continue
        if tweet >= 0 and a.verb < tweet:
            continue
        kind = a.channel or "statement"
        speaker = a.speaker.actor
        role = ctx.actors.actors[speaker].role.lower() if speaker in ctx.actors.actors else ""
        if any(w in role for w in COMMENTATORS):
            continue  # an analyst's view is comment, not a diplomatic statement
        parts = [Participant(speaker, "speaker")]
        actor = ctx.actors.actors.get(speaker)
        if actor is not None and actor.kind == "person":
            for m in seg.mentions:
                if m.kind == "organisation" and 0 < a.speaker.i - m.j <= 3:
                    parts.append(Participant(m.actor, "participant"))
        derived = None
        if a.timex is None and dct is not None:
            derived = (*_week_before(dct), "")
        out.append(
            _Mention(
                kind=kind,
                status="occurred" if a.form != "future" else "planned",
                sentence=seg.index,
                i=a.verb,
                j=a.verb + 1,
                participants=parts,
                timex=a.timex,
                derived=derived,
                evidence=evidence,
                explicit_participants=True,
                trigger=" ".join(t.lower for t in seg.tokens[a.verb : a.end]),
            )
        )
    if tweet >= 0:
        author = [m for m in seg.mentions if m.kind == "person" and m.i > tweet]
        tx = [tx for i, _e, tx in tx_spans if i > tweet]
        if author and tx:
            out.append(
                _Mention(
                    kind="statement",
                    status="occurred",
                    sentence=seg.index,
                    i=tweet,
                    j=tweet + 1,
                    participants=[Participant(author[0].actor, "speaker")],
                    timex=tx[-1],
                    evidence=evidence,
                    explicit_participants=True,
                )
            )
    out.sort(key=lambda m: m.i)
    return out


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _coming_weekday(tx: Timex, dct: dt.date) -> Timex:
    """'would meet Kim on Sunday': a plan's bare weekday is the coming one, not the last."""
    words = tx.text.lower().split()
    if not words or words[-1] not in WEEKDAYS or tx.precision != "day" or (dct - tx.first).days > 6:
        return tx
    day = tx.first + dt.timedelta(days=7)
    return Timex(tx.start, tx.end, tx.text, tx.type, day.isoformat(), day, day, "day", tx.mod)


AGREEMENT_NOUNS = frozenset(
    ["agreement", "agreements", "accord", "accords", "treaty", "deal", "declaration", "pact", "memorandum"]
)
MODIFIER_STOP = DEFINITE | {"a", "an", "new", "another", "second", "first", "its", "joint", "historic"}


def _modifier_start(toks: list[Tok], k: int, trig: Trigger) -> int:
    """Where a noun trigger's modifier starts: 'peace' in 'the peace declaration'."""
    if trig.form != "noun" or k == 0:
        return k
    prev = toks[k - 1]
    if prev.lower.isalpha() and not prev.is_cap and prev.lower not in MODIFIER_STOP and len(prev.lower) > 2:
        return k - 1
    return k


def _progressive(toks: list[Tok], k: int) -> bool:
    before = [t.lower for t in toks[max(0, k - 3) : k]]
    return "being" in before or ("is" in before and toks[k].lower.endswith("ing"))


def _elliptic(seg: Segment, m: _Mention, tx_spans, ctx: _Context, evidence) -> list[_Mention]:
    toks = seg.tokens
    n = len(toks)
    k = m.j
    # skip the object ("North Korea") up to "after"/"following"/"like"
    limit = min(n, k + 5)
    while k < limit and toks[k].lower not in ("after", "following", "like"):
        k += 1
    if k >= limit:
        return []
    out = []
    tx_at = {i: tx for i, _e, tx in tx_spans}
    persons = {x.i: x for x in seg.mentions if x.kind == "person"}
    pos = k + 1
    while pos < n:
        p = persons.get(pos)
        if p is None:
            break
        q = p.j
        if q < n and toks[q].lower in ("in", "on"):
            q += 1
        tx = tx_at.get(q)
        if tx is None:
            break
        dest = [Participant(x.actor, "host") for x in seg.mentions if x.kind == "place" and m.j <= x.i < k]
        dest += [Participant(x.actor, "host") for x in seg.mentions if x.kind == "state" and m.j <= x.i < k]
        parts = [Participant(p.actor, "guest" if m.kind == "visit" else "participant")]
        for d in dest:
            if d.actor in ctx.actors.actors and all(d.actor != x.actor for x in parts):
                parts.append(d)
        out.append(
            _Mention(
                kind=m.kind,
                status="occurred",
                sentence=seg.index,
                i=pos,
                j=p.j,
                participants=parts,
                timex=tx,
                evidence=evidence,
                explicit_participants=True,
            )
        )
        # skip to the next "and NAME" / ", NAME"
        pos = next((e for i, e, t in tx_spans if t is tx), q + 1)
        while pos < n and toks[pos].lower in (",", "and"):
            pos += 1
    if out and m.participants:
        # the names after "after" are not participants of the first mention
        names = {x.participants[0].actor for x in out}
        m.participants = [x for x in m.participants if x.actor not in names]
    return out


def _majority_status(statuses: list[str]) -> str:
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    best = max(counts.values())
    for s in reversed(statuses):
        if counts[s] == best:
            return s
    return statuses[-1]


def _finish(ev: Event, ctx: _Context) -> None:
    ev.kind = min(ev.kinds, key=KIND_ORDER.index)
    ev.status = _majority_status(ev.statuses)
    if ev.status in REALIS and "cancelled" in ev.statuses:
        ev.status = "cancelled"
    ev.title = make_title(ev, ctx)


def _worth_keeping(ev: Event, ctx: _Context) -> bool:
    named = [p for p in ev.participants if p.actor in ctx.actors.actors]
    if ev.kind == "visit" and not any(p.role == "guest" and p.actor != ev.place_state for p in ev.participants):
        return False  # someone visits: "when visiting Kenya" alone is no event
    if ev.kind == "expulsion" and not any(p.role != "target" for p in named):
        return False  # who expels or recalls must be named
    if ev.kind == "briefing" and not any(ctx.kind_of(p.actor) in ("person", "organisation") for p in named):
        return False
    if ev.date_start is not None:
        return bool(named) or (bool(ev.place) and ev.kind in ("parade", "military_display", "test_launch"))
    if ev.status in REALIS:
        return False
    return bool(named)


def _short(name: str, ctx: _Context) -> str:
    from articles.extraction.actors import short_name

    if ctx.shorts is None:
        ctx.shorts = {a.name: short_name(a.name) for a in ctx.actors.actors.values() if a.kind == "person"}
        ctx.short_count = {}
        for short in ctx.shorts.values():
            ctx.short_count[short] = ctx.short_count.get(short, 0) + 1
    short = ctx.shorts.get(name)
    if short is None:
        return name
    return name if ctx.short_count[short] > 1 else short  # two Kims: "Kim Dae-jung visits North Korea"


def make_title(ev: Event, ctx: _Context) -> str:
    """A short headline: 'Trump–Kim summit', 'Kim Jong Un writes to Donald Trump'."""
    # People first: "Di Maio meeting", not "Italy–Di Maio meeting", when both are named.
    persons = [p for p in ev.participants if ctx.kind_of(p.actor) == "person"]
    others = [p for p in ev.participants if p not in persons]
    own_states = {ctx.state_of(p.actor) for p in persons}
    if len(persons) >= 2 or (persons and all(p.actor in own_states for p in others)):
        people = persons
    else:
        people = others + persons if len(others) >= 2 else persons + others
    names = [_short(p.actor, ctx) for p in people]
    by_role = {}
    for p in ev.participants:
        by_role.setdefault(p.role, []).append(_short(p.actor, ctx))
    pair = "–".join(names[:2]) if names else ""
    prefix = {
        "planned": "Planned ",
        "proposed": "Proposed ",
        "speculative": "Possible ",
        "cancelled": "Cancelled ",
    }.get(ev.status, "")
    where = f" in {ev.place}" if ev.place else ""
    kind = ev.kind
    if kind == "letter":
        sender = (by_role.get("sender") or names[:1] or ["?"])[0]
        recipient = (by_role.get("recipient") or [n for n in names if n != sender][:1] or [""])[0]
        return f"{sender} writes to {recipient}".strip() if recipient else f"Letter from {sender}"
    if kind in ("statement", "briefing"):
        speaker = (by_role.get("speaker") or names[:1] or ["?"])[0]
        said = " ".join(ev.triggers)
        if kind == "briefing":
            return f"{speaker} speaks at a briefing"
        if "reporters" in said or "journalists" in said:
            return f"{speaker} speaks to reporters"
        if "twitter" in said or "tweet" in said:
            return f"{speaker} on Twitter"
        if "interview" in said:
            return f"{speaker} in an interview"
        return f"Statement by {speaker}"
    if kind == "call":
        return f"{pair} phone call"
    if kind == "visit":
        guest = (by_role.get("guest") or names[:1] or [""])[0]
        host = ev.place or (by_role.get("host") or [""])[0]
        if prefix:
            return f"{prefix}visit by {guest}" + (f" to {host}" if host else "")
        return f"{guest} visits {host}".strip() if host else f"Visit by {guest}"
    if kind in ("parade", "military_display"):
        what = "Military parade" if kind == "parade" else "Military display"
        return f"{prefix}{what if not prefix else what.lower()}{where}"
    if kind == "expulsion":
        actor = next((n for p, n in zip(people, names, strict=True) if p.role != "target"), "?")
        target = (by_role.get("target") or [""])[0]
        if any(w.startswith(("cut", "sever", "broke")) for w in ev.triggers):
            return f"{actor} cuts ties" + (f" with {target}" if target else "")
        if any(w.startswith("expel") for w in ev.triggers):
            return f"{actor} expels {ctx.lex.demonym_of.get(target, target)} diplomats".replace("  ", " ")
        return f"{actor} recalls its ambassador" + (f" to {target}" if target else "")
    if kind == "sanction":
        actor = next((n for p, n in zip(people, names, strict=True) if p.role != "target"), "")
        target = (by_role.get("target") or [""])[0]
        if actor and target:
            return f"{prefix}{actor} sanctions {target}" if not prefix else f"{prefix}sanctions by {actor} on {target}"
    label = {
        "summit": "summit",
        "meeting": "meeting",
        "talks": "talks",
        "agreement": "agreement",
        "sanction": "sanctions",
        "test_launch": "test launch",
    }.get(kind, kind.replace("_", " "))
    if kind == "agreement":
        # "peace declaration", "trade deal": the words that named it
        nouns = [t for t in ev.triggers if t.split()[-1] in AGREEMENT_NOUNS]
        if nouns:
            label = max(nouns, key=len)
    title = f"{pair} {label}{where}".strip()
    if prefix:
        return prefix + title[0].lower() + title[1:] if not title[0].isupper() or not pair else prefix + title
    return title[0].upper() + title[1:]
