from django import template

from seo.meta import head

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context):
    return head(context)
