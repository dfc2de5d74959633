"""RSS and Atom feeds (feedparser): one document per item.

An item's text is its full content (RSS ``content:encoded``, Atom ``content``) read as an HTML
fragment by :func:`warta.batch.web.fragment_text`; an item that carries only a summary gives the
summary, marked ``partial``. Dates stay the raw strings the feed wrote.
"""
from __future__ import annotations

from dataclasses import dataclass

import feedparser

from warta.batch.web import body_text, fragment_text
from warta.lang.codes import normalize_lang

MAX_FEED_BYTES = 50 * 1024 * 1024        # feedparser holds the whole feed; a news feed is well under 1 MB
HTML_CONTENT = {"text/html", "application/xhtml+xml"}


@dataclass
class FeedItem:
    """One item of a feed; ``doc_id`` is unique within the feed."""
    index: int
    doc_id: str
    text: str | None
    partial: bool
    title: str | None
    url: str | None
    authors: list[str] | None
    meta_published: str | None
    site_name: str | None
    lang_hint: str | None


@dataclass
class Feed:
    """A feed's items, and feedparser's complaint about it (``problem``), if any."""
    items: list[FeedItem]
    problem: str | None = None


def read_feed(raw: bytes, file_id: str) -> Feed:
    """The items of an RSS or Atom document; ``file_id`` names items that have neither id nor link
    (``<file_id>#<index>``). A feed that cannot be read has no items and a ``problem``."""
    if len(raw) > MAX_FEED_BYTES:
        return Feed([], f"{len(raw):,} bytes, over the {MAX_FEED_BYTES:,}-byte limit (MAX_FEED_BYTES)")
    parsed = feedparser.parse(raw)         # bytes: feedparser never fetches anything
    problem = _problem(parsed)
    if not parsed.entries and not problem and not parsed.get("version"):
        problem = "not an RSS or Atom feed"
    channel = parsed.get("feed", {})
    site_name = _clean(channel.get("title"))
    lang_hint = normalize_lang(channel.get("language"))
    used: set[str] = set()
    items = []
    for index, entry in enumerate(parsed.entries):
        doc_id = _item_id(entry, file_id, index, used)
        text, partial = _item_text(entry)
        items.append(FeedItem(index, doc_id, text, partial, _clean(entry.get("title")), _clean(entry.get("link")),
                              _authors(entry), _clean(entry.get("published") or entry.get("updated")),
                              site_name, normalize_lang(entry.get("language")) or lang_hint))
    return Feed(items, problem)


def _problem(parsed) -> str | None:
    if not parsed.get("bozo"):
        return None
    exception = parsed.get("bozo_exception")
    return f"{type(exception).__name__}: {exception}" if exception else "malformed"


def _item_id(entry, file_id: str, index: int, used: set[str]) -> str:
    """guid/id, else link, else ``<file_id>#<index>``; a repeat within the feed gets ``@<index>``."""
    candidate = _clean(entry.get("id")) or _clean(entry.get("link")) or f"{file_id}#{index}"
    doc_id = f"{candidate}@{index}" if candidate in used else candidate
    used.add(doc_id)
    return doc_id


def _item_text(entry) -> tuple[str | None, bool]:
    """The item's full content if it has any, else its summary (``partial=True``)."""
    for content in entry.get("content", []):
        text = _as_text(content.get("value"), content.get("type"))
        if text:
            return text, False
    detail = entry.get("summary_detail", {})
    return _as_text(entry.get("summary"), detail.get("type")), True


def _as_text(value, content_type: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if (content_type or "text/html") in HTML_CONTENT:
        return fragment_text(value)
    return body_text(value)


def _authors(entry) -> list[str] | None:
    names = [_clean(author.get("name")) for author in entry.get("authors", []) if isinstance(author, dict)]
    names = [name for name in names if name] or [name for name in [_clean(entry.get("author"))] if name]
    return names or None


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
