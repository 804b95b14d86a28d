"""GET /api/docs/ (the reference page) and GET /api/docs/try/<operation_id>/ (its forms)."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .schema import document, operation, operations
from .try_url import try_url


@require_GET
def api_docs(request):
    info = document().get("info", {})
    return render(request, "api/docs.html", {
        "info": info, "operations": operations(),
        "schema_url": reverse("api:schema") + "?format=json", "index_url": reverse("api:index"),
    })


@require_GET
def api_try(request, operation_id: str):
    chosen = operation(operation_id)
    if chosen is None or not chosen.can_be_tried:
        raise Http404
    result = try_url(chosen, request.GET)
    if result.errors:
        return render(request, "api/try_refused.html",
                      {"operation": chosen, "errors": result.errors}, status=400)
    return HttpResponseRedirect(result.url)
