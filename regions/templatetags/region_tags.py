from django import template

from provenance.documents import document_title as title_of

register = template.Library()


@register.filter
def document_title(doc):
    """{{ "001"|document_title }}: the source document's title."""
    try:
        return title_of(doc)
    except KeyError:
        return doc
