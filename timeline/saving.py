"""Write one article's extraction into the timeline: actors, places, events, participants, evidence.

    save_extraction(article, extraction) -> ParseReport

Rules (each has a test in tests/test_parsing.py):
- Idempotent: parsing the same article again changes nothing; its evidence is replaced by the
  new reading, and an event that only this article supported and that it no longer supports goes.
- One happening, one event: an extracted event that matches an event already in the database
  (same kind group, dates that fit, a shared participant, the same realis/irrealis status) gains
  this article as a source instead of being duplicated.
- Curators win: an event a curator verified, rejected or edited is never changed, gains no source
  and loses none; a match with a rejected event is dropped (never revived, never duplicated).
- Actors link by name and alias to the actors already in the database (curators' merges count:
  a merged actor's target is used); new names become new actors; known actors gain aliases.
Writes are batched (a fixed number of queries per article, whatever its length), then
`timeline_changed()` is called once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from articles.extraction.events import GROUPS
from articles.extraction.events import Event as Found
from articles.extraction.extract import Extraction
from articles.extraction.lexicon import norm_key
from timeline.changes import timeline_changed
from timeline.models import SLUG_LENGTH, Actor, Event, Evidence, Participation, Place, make_slug

REALIS = {"occurred"}


@dataclass
class ParseReport:
    """What parsing an article did (or, in a preview, would do) to the timeline."""

    article_id: int | None = None
    actors_created: list[str] = field(default_factory=list)
    actors_linked: list[str] = field(default_factory=list)
    events_created: list[str] = field(default_factory=list)
    events_merged: list[str] = field(default_factory=list)  # existing events that gained this article
    events_updated: list[str] = field(default_factory=list)  # this article's own events, read again
    events_removed: list[str] = field(default_factory=list)
    events_protected: list[str] = field(default_factory=list)  # left alone: a curator verified, edited or rejected
    note: str = ""

    def summary(self) -> str:
        if self.note:
            return self.note
        parts = [
            f"{len(self.events_created)} new events",
            f"{len(self.events_merged)} merged into existing events",
            f"{len(self.actors_created)} new actors",
        ]
        if self.events_updated:
            parts.append(f"{len(self.events_updated)} updated")
        if self.events_removed:
            parts.append(f"{len(self.events_removed)} removed")
        if self.events_protected:
            parts.append(f"{len(self.events_protected)} left to curators")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return {
            "article": self.article_id,
            "actors_created": self.actors_created,
            "actors_linked": self.actors_linked,
            "events_created": self.events_created,
            "events_merged": self.events_merged,
            "events_updated": self.events_updated,
            "events_removed": self.events_removed,
            "events_protected": self.events_protected,
            "note": self.note,
        }


def _protected(event: Event) -> bool:
    return event.review != Event.Review.PROPOSED or event.curator_edited or event.merged_into_id is not None


# ---------------------------------------------------------------------------------------------
# Actors


def _actor_keys(names: list[str]) -> set[str]:
    return {norm_key(n) for n in names if len(norm_key(n)) >= 2}


def _resolve_actors(
    extraction: Extraction,
    used: set[str],
    report: ParseReport,
    actor_index: dict | None,
    actor_rows: dict | None,
) -> dict[str, int]:
    """Extracted actor name -> database actor id; creates what is missing, adds aliases."""
    found = extraction.actors.actors
    wanted = {name: a for name, a in found.items() if name in used or (a.in_news and a.kind == "person")}
    # states of wanted people and organisations are wanted too (for Actor.state)
    for a in list(wanted.values()):
        if a.state and a.state in found:
            wanted.setdefault(a.state, found[a.state])
    if not wanted:
        return {}
    keys_of = {}
    for name, a in wanted.items():
        # A person's one-word short name is too weak to link across articles ("Kim").
        aliases = [x for x in a.aliases if a.kind != "person" or len(x.split()) > 1]
        keys_of[name] = (norm_key(name), _actor_keys(aliases))
    all_keys = {k for full, rest in keys_of.values() for k in {full, *rest}}
    names_wanted = set(wanted) | {x for a in wanted.values() for x in a.aliases}
    index = actor_index if actor_index is not None else _actor_index(all_keys, names_wanted)
    ids: dict[str, int] = {}
    for name, (full, rest) in keys_of.items():
        kind = wanted[name].kind
        hit = index.get((full, kind)) or next((index[(k, kind)] for k in rest if (k, kind) in index), None)
        if hit is not None:
            ids[name] = hit
    if actor_rows is not None:
        existing = {pk: Actor(pk=pk, **actor_rows[pk]) for pk in set(ids.values()) if pk in actor_rows}
    else:
        existing = {a.pk: a for a in Actor.objects.filter(pk__in=set(ids.values()))}
    # Follow curators' merges.
    for name, pk in list(ids.items()):
        actor = existing.get(pk)
        seen = set()
        while actor is not None and actor.merged_into_id and actor.pk not in seen:
            seen.add(actor.pk)
            if actor_rows is not None and actor.merged_into_id in actor_rows:
                target = Actor(pk=actor.merged_into_id, **actor_rows[actor.merged_into_id])
            else:
                target = Actor.objects.filter(pk=actor.merged_into_id).first()
            if target is None:
                break
            existing[target.pk] = target
            actor = target
        if actor is not None:
            ids[name] = actor.pk
    new = [name for name in wanted if name not in ids]
    if new:
        slugs = _free_slugs([make_slug(n, "actor") for n in new])
        rows = []
        for name, slug in zip(new, slugs, strict=True):
            a = wanted[name]
            rows.append(
                Actor(
                    name=name[:200],
                    slug=slug,
                    kind=a.kind,
                    role=a.role[:300],
                    aliases=sorted(x for x in a.aliases if x != name),
                )
            )
        Actor.objects.bulk_create(rows)
        created = {r.name: r for r in rows}
        if any(r.pk is None for r in rows):  # backends that do not return ids
            for r in Actor.objects.filter(slug__in=slugs):
                created[r.name] = r
        for name in new:
            ids[name] = created[name[:200]].pk
            existing[ids[name]] = created[name[:200]]
        report.actors_created.extend(new)
    report.actors_linked.extend(name for name in wanted if name not in new)
    # New aliases, roles and states for known actors; states for new ones.
    changed = []
    for name, a in wanted.items():
        row = existing.get(ids[name])
        if row is None:
            continue
        dirty = False
        if name not in new:
            names = set(row.all_names)
            extra = sorted(x for x in {name, *a.aliases} if x not in names and norm_key(x) != norm_key(row.name))
            if extra:
                row.aliases = [*row.aliases, *extra]
                dirty = True
            if a.role and not row.role:
                row.role = a.role[:300]
                dirty = True
        state_id = ids.get(a.state)
        if state_id and not row.state_id and a.kind != "state" and state_id != row.pk:
            row.state_id = state_id
            dirty = True
        if dirty:
            changed.append(row)
    if changed:
        now = timezone.now()
        for row in changed:
            row.updated_at = now  # bulk_update skips auto_now; the lexicon cache keys on it
        Actor.objects.bulk_update(changed, ["aliases", "role", "state", "updated_at"])
    return ids


def _actor_index(keys: set[str], names: set[str]) -> dict[tuple[str, str], int]:
    """(normalised name, kind) -> actor id, for the actors whose name or alias may match."""
    if not keys:
        return {}
    # Exact names in one query; aliases live in a JSON list, so candidates are narrowed by the
    # words of the names (an index-friendly filter on name) and checked here.
    rows = list(Actor.objects.filter(name__in=names).values_list("pk", "name", "kind", "aliases"))
    rows += list(
        Actor.objects.exclude(pk__in=[r[0] for r in rows])
        .filter(_alias_filter(names))
        .values_list("pk", "name", "kind", "aliases")
    )
    index: dict[tuple[str, str], int] = {}
    for pk, name, kind, aliases in sorted(rows, key=lambda r: r[0]):
        for n in [name, *(aliases or [])]:
            k = norm_key(n)
            if k in keys:
                index.setdefault((k, kind), pk)
    return index


def _alias_filter(names: set[str]) -> Q:
    q = Q(pk__in=[])
    for n in sorted(names):
        if len(n) >= 3:
            q |= Q(aliases__icontains=f'"{n}"')
    return q


def _free_slugs(bases: list[str]) -> list[str]:
    taken = set(Actor.objects.filter(slug__in=bases).values_list("slug", flat=True))
    out = []
    for base in bases:
        slug, n = base, 2
        while slug in taken:
            suffix = f"-{n}"
            slug, n = base[: SLUG_LENGTH - len(suffix)] + suffix, n + 1
            if slug not in taken and Actor.objects.filter(slug=slug).exists():
                taken.add(slug)
        taken.add(slug)
        out.append(slug)
    return out


def _places(events: list[Found], state_ids: dict[str, int]) -> dict[str, int]:
    names = {e.place[:200] for e in events if e.place}
    if not names:
        return {}
    have = dict(Place.objects.filter(name__in=names).order_by().values_list("name", "pk"))
    missing = [n for n in names if n not in have]
    if missing:
        taken = set(
            Place.objects.filter(slug__in=[make_slug(n, "place") for n in missing]).values_list("slug", flat=True)
        )
        rows = []
        for n in sorted(missing):
            slug = make_slug(n, "place")
            if slug in taken:
                slug = make_slug(f"{n} place", "place")
            taken.add(slug)
            state = next((e.place_state for e in events if e.place == n and e.place_state), "")
            rows.append(Place(name=n, slug=slug, country_id=state_ids.get(state)))
        Place.objects.bulk_create(rows, ignore_conflicts=True)
        have.update(Place.objects.filter(name__in=missing).values_list("name", "pk"))
    return have


# ---------------------------------------------------------------------------------------------
# Events


# What the pipeline writes on an event (compared before and after to skip unchanged rows).
FIELDS = [
    "title",
    "slug",
    "kind",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "date_value",
    "date_text",
    "place_id",
]

# What matching reads of an existing event: what the pipeline writes, plus what says a curator owns it.
ROW_FIELDS = [*FIELDS, "review", "curator_edited", "merged_into_id"]


class _Row:
    """An event row as read for matching: the fields `_fill` and `_protected` use, no model."""

    def __init__(self, pk, **fields):
        self.pk = pk
        self.__dict__.update(fields)


@dataclass
class _Existing:
    event: Event
    actor_ids: set[int]
    from_this_article: bool


def _span(event) -> tuple[dt.date | None, dt.date | None]:
    return event.date_start, event.date_end or event.date_start


def _dates_fit(a: tuple, b: tuple) -> bool:
    if a[0] is None or b[0] is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def _matches(found: Found, ids: set[int], state_of: dict[int, int | None], cand: _Existing) -> bool:
    ev = cand.event
    if GROUPS.get(ev.kind, ev.kind) != found.group:
        return False
    if not _dates_fit(_span(ev), (found.date_start, found.date_end or found.date_start)):
        return False
    if (ev.status in REALIS) != (found.status in REALIS):
        return False
    if (ev.date_start is None) != (found.date_start is None) and not cand.from_this_article:
        return False
    if found.group == "say":
        # A speaker says many things: across articles, only the same day (or the same window, as in
        # copies of one wire story) is the same statement.
        same_day = (ev.date_start, ev.date_end) == (found.date_start, found.date_end)
        return bool(ids & cand.actor_ids) and (cand.from_this_article or same_day)
    shared = ids & cand.actor_ids
    if shared:
        return True
    # a state and one of its people count as shared
    mine = {state_of.get(i) for i in ids} | ids
    theirs = {state_of.get(i) for i in cand.actor_ids} | cand.actor_ids
    mine.discard(None)
    theirs.discard(None)
    return cand.from_this_article and bool(mine & theirs)


def save_extraction(
    article, extraction: Extraction, actor_index: dict | None = None, actor_rows: dict | None = None
) -> ParseReport:
    """Write the extraction of `article`; returns what was done. Call inside a transaction.

    `actor_index` maps (normalised name or alias, kind) to the id of every actor in the database
    and `actor_rows` holds their fields, as `articles.parsing.current_lexicon` reads them (for the
    current state of the table); without them the actors are looked up here.
    """
    report = ParseReport(article_id=article.pk)
    found_events = extraction.events
    used = {p.actor for e in found_events for p in e.participants}
    actor_ids = _resolve_actors(extraction, used, report, actor_index, actor_rows)
    state_ids = {n: pk for n, pk in actor_ids.items() if extraction.actors.actors[n].kind == "state"}
    place_ids = _places(found_events, state_ids)

    have = {
        (ev_id, s, e): pk
        for pk, ev_id, s, e in Evidence.objects.filter(article=article)
        .order_by()
        .values_list("pk", "event_id", "start", "end")
    }
    previous_events = {key[0] for key in have}
    all_ids = set(actor_ids.values())
    groups = {e.group for e in found_events}
    kinds = [k for k, g in GROUPS.items() if g in groups]
    # One query: the candidate events (this article's, and those of the same kinds that share an
    # actor), as plain rows with their participants, not model instances (dozens read, few updated).
    cands: list[_Row] = []
    parts_of: dict[int, set[int]] = {}
    if previous_events or (kinds and all_ids):
        sharing = Participation.objects.filter(actor_id__in=all_ids, event__kind__in=kinds).values("event_id")
        rows = (
            Event.objects.filter(Q(pk__in=previous_events) | Q(pk__in=sharing))
            .order_by("pk")
            .values("pk", *ROW_FIELDS, "participations__actor_id")
        )
        by_pk: dict[int, _Row] = {}
        for row in rows:
            actor_id = row.pop("participations__actor_id")
            if row["pk"] not in by_pk:
                by_pk[row["pk"]] = _Row(**row)
                parts_of[row["pk"]] = set()
            if actor_id is not None:
                parts_of[row["pk"]].add(actor_id)
        cands = list(by_pk.values())
    involved = all_ids | {a for s in parts_of.values() for a in s}
    if actor_rows is not None and involved <= actor_rows.keys() | set(actor_ids.values()):
        state_of = {pk: actor_rows[pk]["state_id"] for pk in involved if pk in actor_rows}
        for name, pk in actor_ids.items():
            state = extraction.actors.actors[name].state
            if pk not in state_of or state_of[pk] is None:
                state_of[pk] = actor_ids.get(state)
    else:
        state_of = dict(Actor.objects.filter(pk__in=involved).values_list("pk", "state_id"))
    for name, pk in actor_ids.items():
        if extraction.actors.actors[name].kind == "state":
            state_of[pk] = pk
    existing = [_Existing(c, parts_of.get(c.pk, set()), c.pk in previous_events) for c in cands]

    kept: set[int] = set()  # events this article supports after this parse
    evidence_rows: list[tuple[int, int, int]] = []  # (event id, start, end)
    participation_rows: list[tuple[int, int, str]] = []
    new_events: list[tuple[Event, Found]] = []
    updated: list[Event] = []
    text = article.body
    # This article's own events first, then other articles' (the latest first).
    ordered = sorted(existing, key=lambda c: (not c.from_this_article, -c.event.pk))
    for f in found_events:
        ids = {actor_ids[p.actor] for p in f.participants if p.actor in actor_ids}
        match = next((c for c in ordered if c.event.pk not in kept and _matches(f, ids, state_of, c)), None)
        if match is not None:
            ev = match.event
            kept.add(ev.pk)
            if _protected(ev):
                report.events_protected.append(ev.title)
                continue
            before = _row_state(ev)
            if match.from_this_article and not _other_sources(ev.pk, article.pk):
                _fill(ev, f, place_ids, overwrite=True)
                report.events_updated.append(ev.title)
            else:
                _fill(ev, f, place_ids, overwrite=False)
                if not match.from_this_article:
                    report.events_merged.append(ev.title)
                else:
                    report.events_updated.append(ev.title)
            if _row_state(ev) != before:
                updated.append(ev)
            for p in f.participants:
                if p.actor in actor_ids and actor_ids[p.actor] not in match.actor_ids:
                    participation_rows.append((ev.pk, actor_ids[p.actor], p.role))
                    match.actor_ids.add(actor_ids[p.actor])
            for s, e in f.evidence:
                evidence_rows.append((ev.pk, s, e))
            continue
        ev = Event(review=Event.Review.PROPOSED)
        _fill(ev, f, place_ids, overwrite=True)
        ev.slug = make_slug(ev.title, "event")
        new_events.append((ev, f))
    if new_events:
        Event.objects.bulk_create([ev for ev, _ in new_events])
        for ev, f in new_events:
            kept.add(ev.pk)
            report.events_created.append(ev.title)
            seen = set()
            for p in f.participants:
                pk = actor_ids.get(p.actor)
                if pk and pk not in seen:
                    seen.add(pk)
                    participation_rows.append((ev.pk, pk, p.role))
            for s, e in f.evidence:
                evidence_rows.append((ev.pk, s, e))
    if updated:
        rows = [
            ev if isinstance(ev, Event) else Event(pk=ev.pk, **{f: getattr(ev, f) for f in FIELDS}) for ev in updated
        ]
        Event.objects.bulk_update(rows, [f.removesuffix("_id") for f in FIELDS])
    # Evidence: this article's spans become exactly the new ones (protected events keep theirs).
    protected_ids = {c.event.pk for c in existing if _protected(c.event)}
    wanted = {(ev_id, s, e) for ev_id, s, e in evidence_rows}
    stale = [pk for key, pk in have.items() if key not in wanted and key[0] not in protected_ids]
    if stale:
        Evidence.objects.filter(pk__in=stale).delete()
    _insert_evidence(
        article.pk, [(ev_id, text[s:e], s, e) for ev_id, s, e in sorted(wanted) if (ev_id, s, e) not in have]
    )
    if participation_rows:
        Participation.objects.bulk_create(
            [Participation(event_id=a, actor_id=b, role=r) for a, b, r in participation_rows], ignore_conflicts=True
        )
    # Events this article alone supported and no longer does.
    orphans = [c.event for c in existing if c.from_this_article and c.event.pk not in kept and not _protected(c.event)]
    if orphans:
        still = set(
            Evidence.objects.filter(event_id__in=[o.pk for o in orphans]).order_by().values_list("event_id", flat=True)
        )
        gone = [o for o in orphans if o.pk not in still]
        if gone:
            Event.objects.filter(pk__in=[o.pk for o in gone]).delete()
            report.events_removed.extend(o.title for o in gone)
    timeline_changed()
    return report


def _row_state(ev: Event) -> tuple:
    return tuple(getattr(ev, f) for f in FIELDS)


def _insert_evidence(article_id: int, rows: list[tuple[int, str, int, int]]) -> None:
    """One multi-row INSERT: an article gives dozens of spans, and model instances cost more
    than the rows (the caller calls timeline_changed() afterwards, as for any bulk write)."""
    if not rows:
        return
    meta = Evidence._meta
    quote = connection.ops.quote_name
    columns = ["event_id", "article_id", "quote", "start", "end", "created_at"]
    now = meta.get_field("created_at").get_db_prep_value(timezone.now(), connection)
    values = []
    for event_id, text, start, end in rows:
        values.extend((event_id, article_id, text, start, end, now))
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    names = ", ".join(quote(c) for c in columns)
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES {', '.join([row] * len(rows))}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


def _other_sources(event_id: int, article_id: int) -> bool:
    return Evidence.objects.filter(event_id=event_id).exclude(article_id=article_id).exists()


def _fill(ev: Event, f: Found, place_ids: dict[str, int], overwrite: bool) -> None:
    """Copy the extraction into the row: all of it for the article's own event, gaps otherwise."""
    place_id = place_ids.get(f.place[:200]) if f.place else None
    if overwrite:
        ev.title = f.title[:300]
        ev.kind = f.kind
        ev.status = f.status
        ev.date_start, ev.date_end = f.date_start, f.date_end
        ev.date_precision = f.date_precision
        ev.date_value = (f.date_value or "")[:40]
        ev.date_text = (f.date_text or "")[:200]
        ev.place_id = place_id
    else:
        narrower = f.date_start is not None and (
            ev.date_start is None
            or (ev.date_end or ev.date_start) - ev.date_start > (f.date_end or f.date_start) - f.date_start
        )
        if narrower and _dates_fit(_span(ev), (f.date_start, f.date_end or f.date_start)):
            ev.date_start, ev.date_end = f.date_start, f.date_end
            ev.date_precision = f.date_precision
            ev.date_value = (f.date_value or "")[:40]
            ev.date_text = (f.date_text or "")[:200]
        if ev.place_id is None and place_id:
            ev.place_id = place_id
    ev.slug = make_slug(ev.title, "event")
