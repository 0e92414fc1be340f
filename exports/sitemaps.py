"""The sitemap: every visible event, every actor not merged away, every article."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article
from timeline.models import Actor, Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Event.objects.visible().only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, event):
        return event.updated_at


class ActorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Actor.objects.active().only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, actor):
        return actor.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Article.objects.only("id", "updated_at").order_by("id")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"events": EventSitemap, "actors": ActorSitemap, "articles": ArticleSitemap}
