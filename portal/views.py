"""Error pages that tell the visitor what went wrong in plain Japanese.

Django's stock handlers drop the exception's message for 400s; ours pass it
on, because 'page number must be a whole number' is more useful than a bare
status code."""

from django.shortcuts import render

GENERIC_400 = "リクエストの内容を解釈できませんでした。"
GENERIC_404 = "お探しのページは見つかりませんでした。"


def _message(exception, fallback):
    if exception and exception.args and isinstance(exception.args[0], str) and exception.args[0].strip():
        text = exception.args[0]
        # Django's resolver puts internal details (the tried patterns) in its
        # own 404s; only our messages, which are Japanese sentences, are shown.
        if text.endswith("。"):
            return text
    return fallback


def bad_request(request, exception=None):
    return render(request, "errors/400.html", {"message": _message(exception, GENERIC_400)}, status=400)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", {"message": _message(exception, GENERIC_404)}, status=404)


def server_error(request):
    # No context processors or database access: the error may be the database.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())
