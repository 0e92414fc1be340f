"""Admin forms for events and actors: a date edited with its precision, aliases one per line."""

from __future__ import annotations

import calendar
import datetime as dt

from django import forms

from timeline.dates import Precision
from timeline.models import Actor, Event


class EventAdminForm(forms.ModelForm):
    """The date is edited as a start day and a precision; the end and the TIMEX3 value follow.

    Day: end = start. Month: the whole month of the start day. Year: the whole year. Range: the
    curator gives both ends. Unknown: no dates. A value typed by the curator is kept when it
    agrees with the precision; otherwise it is rewritten from the dates.
    """

    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what shows
        widgets = {
            "date_start": forms.DateInput(attrs={"type": "date"}),
            "date_end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        precision = data.get("date_precision")
        start, end = data.get("date_start"), data.get("date_end")
        if precision is None:
            return data
        if precision == Precision.UNKNOWN:
            data["date_start"] = data["date_end"] = None
            data["date_value"] = ""
            return data
        if start is None:
            self.add_error("date_start", f"A date known to the {precision} needs its first day.")
            return data
        if precision == Precision.DAY:
            end, value = start, start.isoformat()
        elif precision == Precision.MONTH:
            start = start.replace(day=1)
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
            value = f"{start:%Y-%m}"
        elif precision == Precision.YEAR:
            start, end, value = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31), f"{start.year:04d}"
        else:  # a range
            if end is None:
                self.add_error("date_end", "A range needs its last day.")
                return data
            if end < start:
                self.add_error("date_end", "The last day cannot come before the first.")
                return data
            value = data.get("date_value") or ""
        data["date_start"], data["date_end"] = start, end
        if precision != Precision.RANGE:
            data["date_value"] = value
        return data


class AliasesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        names, seen = [], set()
        for line in (value or "").splitlines():
            name = " ".join(line.split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return names


class ActorAdminForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="Other names for this actor, one per line (surnames, short forms, capitals); "
        "ingestion links them to this actor.",
    )

    class Meta:
        model = Actor
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what shows
