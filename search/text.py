"""Plain text out of rich content, for the search document."""

import html as htmllib

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines


def html_text(html):
    """Text of rich-text HTML: paragraphs on their own lines, entities decoded."""
    text = strip_tags((html or "").replace("</p>", "</p>\n"))
    return htmllib.unescape(normalize_newlines(text)).strip()


def stream_text(stream):
    """Readable text of a StreamField without rendering templates (images
    would otherwise create renditions while indexing)."""
    parts = []
    for block in stream or []:
        value = block.value
        if hasattr(value, "source"):
            parts.append(html_text(value.source))
        elif isinstance(value, dict) or hasattr(value, "items"):
            parts.extend(str(v) for k, v in value.items() if k in {"quote", "attribution", "caption", "alt"} and v)
        elif isinstance(value, str):
            parts.append(html_text(value))
    return "\n".join(p for p in parts if p)
