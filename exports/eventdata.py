"""Event data for researchers used to GDELT or POLECAT: a CAMEO code and a PLOVER-style record per event.

CAMEO (Conflict and Mediation Event Observations) codes a directed act: a source actor does
something to a target. PLOVER (its successor, used by POLECAT) names an event type, a mode and
contexts, with actors and recipients as lists; the PLOVER fields follow the PLOVER project's
CAMEO crosswalk. Our events are coded from their kind, their status and the
roles of their participants; the mapping is in the README ("Event data") and in `code_event`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from exports.common import Permalinks, evidence_of, participations_of
from timeline.models import Event, Participation

D = "diplomatic"

# The CAMEO codes we use: label, and PLOVER event type, mode and context as the PLOVER project's own
# CAMEO crosswalk (CAMEO2PLOVER, 2021) gives them. PLOVER has no type for CAMEO's 01 (statements) or
# 02 (appeals): statements get none, and a letter's appeal to meet takes the crosswalk's nearest,
# 106 "Demand meeting, negotiation" (DEMAND, meet).
CAMEO: dict[str, tuple[str, str | None, str | None, list[str]]] = {
    "010": ("Make statement", None, None, []),
    "026": ("Appeal to others to meet or negotiate", "DEMAND", "meet", [D]),
    "036": ("Express intent to meet or negotiate", "AGREE", None, [D]),
    "040": ("Consult", "CONSULT", None, []),
    "041": ("Discuss by telephone", "CONSULT", "phone", []),
    "042": ("Make a visit", "CONSULT", "visit", []),
    "043": ("Host a visit", "CONSULT", "host", []),
    "044": ("Meet at a third location", "CONSULT", "third-party", []),
    "046": ("Engage in negotiation", "CONSULT", None, [D]),
    "057": ("Sign formal agreement", "SUPPORT", None, [D]),
    "125": ("Reject proposal to meet, discuss, or negotiate", "REJECT", "meet", [D]),
    "150": ("Demonstrate military or police power", "MOBILIZE", None, []),
    "161": ("Reduce or break diplomatic relations", "SANCTION", "withdraw", [D]),
    "163": ("Impose embargo, boycott, or sanctions", "COERCE", "restrict", [D]),
}
CAMEO_LABELS = {code: row[0] for code, row in CAMEO.items()}

K = Event.Kind
S = Event.Status
R = Participation.Role

# Kind -> CAMEO code. Summits and meetings are refined by who hosts and where (_meeting), and any
# meeting-like event by its status (code_event).
BY_KIND: dict[str, str] = {
    K.SUMMIT: "040",
    K.MEETING: "040",
    K.TALKS: "046",
    K.VISIT: "042",
    K.CALL: "041",
    K.LETTER: "026",
    K.STATEMENT: "010",
    K.BRIEFING: "010",
    K.AGREEMENT: "057",
    K.PARADE: "150",
    K.MILITARY_DISPLAY: "150",
    K.TEST_LAUNCH: "150",
    K.SANCTION: "163",
    K.EXPULSION: "161",
}
MEETING_KINDS = {K.SUMMIT, K.MEETING, K.TALKS, K.VISIT, K.CALL}
INTENDED = {S.PLANNED, S.PROPOSED, S.SPECULATIVE}

# Which participants act and which receive, for each code; undirected participants fill in (see _sides).
DEFAULT_SIDES = ({R.SENDER, R.SPEAKER, R.HOST}, {R.RECIPIENT, R.TARGET, R.GUEST})
SIDES = {
    "042": ({R.GUEST, R.SENDER, R.SPEAKER}, {R.HOST, R.RECIPIENT, R.TARGET}),  # the visitor makes the visit
    "043": ({R.HOST}, {R.GUEST, R.RECIPIENT, R.TARGET, R.SENDER, R.SPEAKER}),  # the host hosts it
}


@dataclass
class Coded:
    cameo: str | None
    actors: list = field(default_factory=list)  # Actor rows
    recipients: list = field(default_factory=list)

    @property
    def cameo_label(self) -> str | None:
        return CAMEO[self.cameo][0] if self.cameo else None

    @property
    def plover(self) -> str | None:
        return CAMEO[self.cameo][1] if self.cameo else None

    @property
    def mode(self) -> str | None:
        return CAMEO[self.cameo][2] if self.cameo else None

    @property
    def context(self) -> list[str]:
        return list(CAMEO[self.cameo][3]) if self.cameo else []


def _sides(participations: list[Participation], code: str | None) -> tuple[list, list]:
    """Actors and recipients. Participants without a direction: the first acts and the rest receive,
    unless someone already acts (then they receive) or receives (then they act)."""
    source_roles, target_roles = SIDES.get(code, DEFAULT_SIDES)
    sources = [p.actor for p in participations if p.role in source_roles]
    targets = [p.actor for p in participations if p.role in target_roles]
    undirected = [p.actor for p in participations if p.role not in source_roles | target_roles]
    if not sources and undirected:
        sources, undirected = undirected[:1], undirected[1:]
    if targets:
        sources += undirected
    else:
        targets = undirected
    return _unique(sources), [a for a in _unique(targets) if a not in sources]


def _unique(actors: list) -> list:
    seen, out = set(), []
    for actor in actors:
        if actor.pk not in seen:
            seen.add(actor.pk)
            out.append(actor)
    return out


def code_event(event: Event) -> Coded:
    participations = participations_of(event)
    if event.kind in MEETING_KINDS and event.status == S.CANCELLED:
        cameo = "125"
    elif event.kind in MEETING_KINDS and event.status in INTENDED:
        cameo = "036"
    elif event.kind in (K.SUMMIT, K.MEETING):
        cameo = _meeting(event, participations)
    else:
        cameo = BY_KIND.get(event.kind)
    actors, recipients = _sides(participations, cameo)
    return Coded(cameo, actors, recipients)


def _meeting(event: Event, participations: list[Participation]) -> str:
    """A summit or meeting: hosted (043), at a third location (044), or plain consultation (040)."""
    if any(p.role == R.HOST for p in participations):
        return "043"
    present = {p.actor_id for p in participations} | {p.actor.state_id for p in participations if p.actor.state_id}
    if event.place is not None and event.place.country_id and event.place.country_id not in present:
        return "044"
    return "040"


def _actor(actor) -> dict:
    return {
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "country": actor.name if actor.kind == "state" else (actor.state.name if actor.state_id else None),
        "wikidata": actor.wikidata_id or None,
    }


def record(event: Event, links: Permalinks) -> dict:
    """The PLOVER-style record of one event (one JSON Lines line)."""
    coded = code_event(event)
    sources = []
    for ev in evidence_of(event):
        article = ev.article
        sources.append(
            {
                "article": article.pk,
                "outlet": article.outlet,
                "url": article.web_url or links.article(article),
            }
        )
    return {
        "id": f"event-{event.pk}",
        "url": links.event(event),
        "event_date": event.date_start.isoformat() if event.date_start else None,
        "date": {
            "start": event.date_start.isoformat() if event.date_start else None,
            "end": event.date_end.isoformat() if event.date_end else None,
            "precision": event.date_precision,
            "value": event.date_value or None,
        },
        "event_type": coded.plover,
        "mode": coded.mode,
        "context": coded.context,
        "cameo": {"code": coded.cameo, "label": coded.cameo_label},
        "actors": [_actor(a) for a in coded.actors],
        "recipients": [_actor(a) for a in coded.recipients],
        "location": {
            "name": event.place.name,
            "country": event.place.country.name if event.place.country_id else None,
        }
        if event.place
        else None,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "review": event.review,
        "sources": sources,
    }


def jsonl(events: Iterable[Event], *, base_url: str) -> Iterator[str]:
    links = Permalinks(base_url)
    for event in events:
        yield json.dumps(record(event, links), ensure_ascii=False) + "\n"


CSV_COLUMNS = [
    "id",
    "url",
    "date_start",
    "date_end",
    "date_precision",
    "date_value",
    "title",
    "kind",
    "status",
    "review",
    "cameo_code",
    "cameo_label",
    "plover_event",
    "plover_mode",
    "actors",
    "actor_countries",
    "recipients",
    "recipient_countries",
    "place",
    "place_country",
    "source_urls",
]


class _Line:
    """csv.writer writes into this and gets the line back, so each row can be streamed."""

    def write(self, value: str) -> str:
        return value


def _names(actors: list[dict], key: str) -> str:
    return "; ".join(dict.fromkeys(a[key] for a in actors if a[key]))


def csv_rows(events: Iterable[Event], *, base_url: str) -> Iterator[str]:
    links = Permalinks(base_url)
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for event in events:
        r = record(event, links)
        yield writer.writerow(
            [
                event.pk,
                r["url"],
                r["date"]["start"] or "",
                r["date"]["end"] or "",
                r["date"]["precision"],
                r["date"]["value"] or "",
                r["title"],
                r["kind"],
                r["status"],
                r["review"],
                r["cameo"]["code"] or "",
                r["cameo"]["label"] or "",
                r["event_type"] or "",
                r["mode"] or "",
                _names(r["actors"], "name"),
                _names(r["actors"], "country"),
                _names(r["recipients"], "name"),
                _names(r["recipients"], "country"),
                r["location"]["name"] if r["location"] else "",
                (r["location"]["country"] or "") if r["location"] else "",
                " ".join(dict.fromkeys(s["url"] for s in r["sources"])),
            ]
        )
