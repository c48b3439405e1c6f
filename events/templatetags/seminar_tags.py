from django import template

from events.models import Progress

register = template.Library()


@register.filter
def seminar_url(seminar, calendar_url):
    """{{ seminar|seminar_url:calendar_url }}: the calendar page's URL is
    looked up once per request, not once per seminar."""
    return seminar.path_under(calendar_url)


@register.filter
def progress_on(seminar, today):
    """{{ seminar|progress_on:today }} → a Progress with .value and .label."""
    return Progress(seminar.progress(today))
