import datetime as dt

import factory

from articles.models import Article
from timeline.models import Actor, Event, Evidence, Participation, Place


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Envoys meet for round {n} of talks")
    outlet = "The Test Gazette"
    credit = "Wire"
    published_on = dt.date(2018, 9, 11)
    published_source = Article.DateSource.MANIFEST
    body = factory.LazyAttribute(lambda o: f"{o.title}\n\nThe envoys met on Monday in Geneva, officials said.")
    raw = factory.LazyAttribute(lambda o: o.body.encode("utf-8"))
    source_name = factory.Sequence(lambda n: f"article-{n}.txt")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Envoy Number{n}")
    kind = Actor.Kind.PERSON
    role = "Special envoy"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"City {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Envoys hold talks, round {n}")
    kind = Event.Kind.MEETING
    status = Event.Status.OCCURRED
    date_start = dt.date(2018, 9, 10)
    date_end = factory.SelfAttribute("date_start")
    date_precision = "day"
    date_value = factory.LazyAttribute(lambda o: o.date_start.isoformat() if o.date_start else "")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    actor = factory.SubFactory(ActorFactory)
    role = Participation.Role.PARTICIPANT


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    event = factory.SubFactory(EventFactory)
    article = factory.SubFactory(ArticleFactory)
    start = 0
    quote = factory.LazyAttribute(lambda o: o.article.body.split("\n")[0])
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
