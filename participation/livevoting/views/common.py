"""What the public and the staff views share: the status document of a session (projector and
participants' phones poll it) answered with an ETag, 304 when nothing changed."""

import segno
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.urls import reverse
from django.utils.safestring import mark_safe

from .. import selectors
from ..models import QuestionState
from ..results import result

#: Milliseconds between two polls of the projector (the promise: a vote shows within 2 s).
PROJECTOR_POLL_MS = 800
#: Milliseconds between two polls of a participant's phone (a new question shows by itself).
PHONE_POLL_MS = 2000


def join_url(request, session) -> str:
    return request.build_absolute_uri(reverse("livevoting:vote", args=[session.code]))


def shown_question(session):
    """The projector's question: the open one, else the one closed last."""
    return (session.questions.filter(state=QuestionState.OPEN).first()
            or session.questions.filter(state=QuestionState.CLOSED)
            .order_by("-closed_at", "-pk").first())


def conditional_json(request, etag: str, build) -> HttpResponse:
    """304 when the client's If-None-Match is the current ETag; else build() as JSON."""
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse(build())
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


def projector_document(request, session) -> dict:
    question = shown_question(session)
    data = {"title": session.title, "code": session.code, "join_url": join_url(request, session),
            "question": None}
    if question is None:
        return data
    found = result(question)
    show = question.revealed or session.live_results
    data["question"] = {
        "id": question.pk, "text": question.text, "type": question.type,
        "state": question.state, "state_label": str(question.get_state_display()),
        "show_results": show, "total": found.total,
        "average": found.average if show else None,
        "rows": [{"label": r.label, "count": r.count, "percent": r.percent}
                 for r in found.rows] if show else [],
        "scale_labels": [question.scale_min_label, question.scale_max_label],
    }
    return data


def status_response(request, session, build):
    return conditional_json(request, selectors.status_etag(session), build)


def qr_svg(url: str):
    """The join address as an inline SVG QR code (made by segno from our own URL: no user
    text in it). Decorative next to the address and code printed beside it."""
    svg = segno.make(url, error="m").svg_inline(scale=8, dark="#000", light="#fff",
                                                 svgclass="livevoting-qr")
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308
