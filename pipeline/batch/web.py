"""One HTML page → its article text and metadata.

The body comes from trafilatura (navigation, related links, comments and footer left out; one line
per paragraph); the metadata is read from the page's own markup with lxml, raw: the publication
date is the string the page wrote, never parsed here (``warta.batch.published`` resolves it).
Bytes are decoded with the charset the page or its server declares only when that charset decodes
them; otherwise charset-normalizer guesses. See docs/experiments.md ("Reading web pages") for why
trafilatura and these settings.
"""
from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import lxml.etree
import lxml.html
import trafilatura

from warta.lang.codes import normalize_lang

MAX_HTML_BYTES = 5 * 1024 * 1024       # a news article page is 50-500 KB; beyond this it is not one page
SNIFF_BYTES = 8192
# File signatures of what servers send by mistake with an HTML content type.
BINARY_SIGNATURES = {
    b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip data", b"RIFF": "RIFF media (WebP, WAV, AVI)",
    b"OggS": "Ogg media", b"ID3": "MP3 audio", b"wOFF": "web font",
}
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers read these labels as windows-1252 (WHATWG Encoding): the page means cp1252 quotes and dashes.
CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso-ir-100"}
# lxml refuses a decoded string that still declares an encoding (XHTML's <?xml ... encoding=...?>).
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Where pages write their publication date, most explicit first (Open Graph, then older conventions).
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created",
                  "sailthru.date", "parsely-pub-date", "content_publisheddate")
BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
              "article", "figure", "figcaption", "pre", "ul", "ol", "table", "dd", "dt", "hr")
# trafilatura's options: precision over recall (a lost paragraph costs less than a menu read as text),
# no comments, no tables (their cells lose their row structure), no cross-document deduplication
# (duplicates are decided later, on whole bodies); its date only from markup, never guessed from the
# text (a "© 2024" footer would give 2024-01-01).
# fast: no fallback extractors (readability, jusText) compared against the main one. On the fixture pages
# and the benchmark's pages the body is the same, at 6.8 instead of 10.5 ms a 130 KB page (docs/experiments.md)
EXTRACTION = {"include_comments": False, "include_tables": False, "favor_precision": True, "fast": True,
              "deduplicate": False, "with_metadata": True,
              "date_extraction_params": {"extensive_search": False, "original_date": True}}


@dataclass
class Page:
    """What one HTML page gives: the body (``text``) and the metadata found, or why there is none."""
    text: str | None = None
    title: str | None = None
    authors: list[str] | None = None
    site_name: str | None = None
    url: str | None = None
    lang_hint: str | None = None
    meta_published: str | None = None
    status: str | None = None            # "empty": a page without an article body (``error`` says why)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class PageError(ValueError):
    """Bytes that cannot be read as a page (binary or undecodable)."""


def page_from_html(raw: bytes, where: str, url: str | None = None, charset: str | None = None) -> Page:
    """The article of one HTML page; ``charset`` is the one its HTTP headers declared, ``url`` where
    it was fetched. A page that cannot be read has ``error`` set; one without an article body also
    ``status="empty"``."""
    if len(raw) > MAX_HTML_BYTES:
        return Page(error=oversize_error(where, len(raw)))
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", decode_html(raw, charset), count=1))
    except PageError as exc:
        return Page(error=f"{where}: {exc}")
    except (lxml.etree.ParserError, ValueError) as exc:     # markup lxml cannot build a tree from
        return Page(error=f"{where}: not an HTML page ({exc or 'no elements'})")
    page = read_metadata(tree, url)
    document = trafilatura.bare_extraction(tree, url=page.url, **EXTRACTION)
    if document is None:              # no body found: in fast mode trafilatura then gives no metadata either
        document = trafilatura.extract_metadata(tree, default_url=page.url)
    if document is not None:
        page.title = page.title or _clean(document.title)
        page.authors = page.authors or _split_authors(document.author)
        page.site_name = page.site_name or _clean(document.sitename)
        page.meta_published = page.meta_published or _clean(document.date)
    text = body_text(getattr(document, "text", None), page.title)
    if text:
        page.text = text
        return page
    page.status = "empty"
    page.error = f"{where}: no article body found ({_empty_reason(tree)})"
    return page


def oversize_error(where: str, size: int | None) -> str:
    """The error for a page over ``MAX_HTML_BYTES`` (``size`` None: known only to be larger)."""
    described = f"{size:,} bytes" if size is not None else f"more than {MAX_HTML_BYTES:,} bytes"
    return f"{where}: page of {described} is over the {MAX_HTML_BYTES:,}-byte limit (MAX_HTML_BYTES); not parsed"


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """The page's characters: a BOM, then the declared charset (HTTP header, then ``<meta>``), each
    only if it decodes the bytes; then UTF-8; then charset-normalizer's guess. Binary content and
    bytes no charset fits raise ``PageError``."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            text = _decoded(raw, codec)
            if text is None:
                raise PageError(f"undecodable bytes: they do not match their {codec} byte-order mark")
            return text
    head = raw[:SNIFF_BYTES]
    for signature, kind in BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise PageError(f"binary content served as HTML ({kind})")
    if b"\x00" in head:
        raise PageError("binary content served as HTML (NUL bytes)")
    meta = META_CHARSET.search(head[:4096])
    labels = [declared, meta and meta.group(1).decode("ascii", "replace"), "utf-8"]
    for label in labels:
        text = _decoded(raw, _codec(label))
        if text is not None:
            return text
    guess = charset_normalizer.from_bytes(raw).best()
    if guess is None:
        named = ", ".join(label for label in labels[:2] if label) or "none"
        raise PageError(f"undecodable bytes: no character set fits them (declared: {named})")
    return str(guess)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    try:
        return "cp1252" if label in CP1252_LABELS else codecs.lookup(label).name
    except LookupError:          # a charset name Python does not know: not trusted
        return None


def _decoded(raw: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def read_metadata(tree, url: str | None = None) -> Page:
    """Title, authors, site name, URL, language hint and raw publication date from the page's
    markup (Open Graph and article meta tags, JSON-LD, ``<link rel=canonical>``, ``<time>``)."""
    meta = _meta_tags(tree)
    linked = _ld_articles(tree)
    links = [*tree.xpath("//link[@rel='canonical']/@href"), meta.get("og:url")]
    return Page(
        title=_clean(meta.get("og:title")) or _ld_value(linked, "headline"),
        authors=_ld_authors(linked) or _split_authors(meta.get("author")),
        site_name=_clean(meta.get("og:site_name")),
        url=next((u for u in (urljoin(url or "", link.strip()) for link in links if link) if _absolute(u)), url),
        lang_hint=normalize_lang(_first(tree.xpath("/html/@lang")) or meta.get("og:locale")
                                 or meta.get("content-language")),
        meta_published=(next((meta[name] for name in PUBLISHED_META if meta.get(name)), None)
                        or _ld_value(linked, "datePublished")
                        or _clean(_first(tree.xpath("//time[@datetime]/@datetime")))))


def _absolute(url: str) -> bool:
    """A URL that names its site (a relative canonical link of a saved page does not)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _meta_tags(tree) -> dict[str, str]:
    """``<meta property|name|itemprop|http-equiv=... content=...>``, keys lower-cased, first wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
        value = _clean(element.get("content"))
        if key and value:
            found.setdefault(key.strip().lower(), value)
    return found


def _ld_articles(tree) -> list[dict]:
    """The JSON-LD objects of the page that describe an article (``@graph`` and lists looked into)."""
    objects: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:           # broken JSON-LD is common; the other sources remain
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                stack.extend(item[key] for key in ("@graph", "mainEntity") if key in item)
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(kind, str) and kind.endswith(("Article", "Posting", "Report")) for kind in kinds):
                    objects.append(item)
    return objects


def _ld_value(objects: list[dict], key: str) -> str | None:
    return next((_clean(obj[key]) for obj in objects if isinstance(obj.get(key), str) and _clean(obj[key])), None)


def _ld_authors(objects: list[dict]) -> list[str] | None:
    for obj in objects:
        people = obj.get("author")
        people = people if isinstance(people, list) else [people]
        names = [_clean(p.get("name") if isinstance(p, dict) else p) for p in people]
        names = [name for name in names if isinstance(name, str) and name]
        if names:
            return names
    return None


def _split_authors(value: str | None) -> list[str] | None:
    """trafilatura joins authors with "; "; a meta tag may too."""
    names = [name for name in (_clean(part) for part in (value or "").split(";")) if name]
    return names or None


def _first(values: list) -> str | None:
    return str(values[0]) if values else None


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def body_text(text: str | None, title: str | None = None) -> str | None:
    """The extracted body, one paragraph per line, without blank lines and without the headline
    when the body starts with it (the title is its own field, and a plain-text copy of the same
    article starts at its first paragraph)."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == " ".join(title.split()).casefold():
        lines = lines[1:]
    return "\n".join(lines) or None


def _empty_reason(tree) -> str:
    visible = " ".join(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
    words = len(visible.split())
    if not words:
        return "the page has no visible text"
    return f"trafilatura found no main text among the page's {words} visible words"


def fragment_text(html: str) -> str | None:
    """Text of an HTML fragment (a feed item's content): trafilatura's extraction, or, when it finds
    nothing in so small a piece, every text node with block elements as line breaks."""
    try:
        tree = lxml.html.document_fromstring(f"<html><body><article>{html}</article></body></html>")
    except (lxml.etree.ParserError, ValueError):
        return None
    document = trafilatura.bare_extraction(tree, **{**EXTRACTION, "with_metadata": False})
    return body_text(document.text if document is not None else None) or plain_text(html)


def plain_text(html: str) -> str | None:
    """All text of an HTML fragment (scripts and styles dropped), one line per block element."""
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return body_text(html)
    for element in list(fragment.iter("script", "style")):
        element.drop_tree()
    for element in fragment.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return body_text(fragment.text_content())
