from django import template

from provenance.documents import DOCUMENTS, document_id

register = template.Library()


@register.inclusion_tag("provenance/quotes.html")
def source_quotes(source, quotes):
    """The source note, and the verbatim quotes behind it in a details element."""
    shown = []
    for quote in quotes or []:
        try:
            title = DOCUMENTS[document_id(quote.get("doc", ""))]
        except KeyError:
            title = quote.get("doc", "")
        shown.append({"title": title, "text": quote.get("text", "")})
    return {"source": source, "quotes": shown}
