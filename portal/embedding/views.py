"""The /einbetten/ dispatcher: the existing public views, served for a frame on the
authority's website (docs/embedding.md).

Guarantees:
- only pages listed in registry are served, for the authority named in the URL;
  any other page of that authority answers with a link that opens it in a new window;
- these responses, and only these, carry CSP frame-ancestors with the authority's allowed
  origins and no X-Frame-Options; an authority without origins gets frame-ancestors 'none';
- a POST is accepted only with a valid signed form token bound to the authority and the
  page (instead of the CSRF cookie a third-party frame does not get); the view behind it keeps
  its rate limits and validation; a refused token answers 403 with a message that says why;
- a redirect to a receipt carries a signed grant for that one receipt (no session needed);
  a redirect elsewhere (sign-in) becomes a link that opens a top-level window.
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .. import selectors
from ..request_limits import accepts_attachments
from . import registry, routes, tokens
from .origins import normalise_origin
from .routes import Embedding

TOKEN_MESSAGES = {
    "missing": _("This form cannot be sent: its security token is missing. Please reload the "
                 "page and send the form again."),
    "expired": _("This form was open too long and its security token has expired. Please "
                 "reload the page and send the form again."),
    "invalid": _("This form's security token is not valid for this page. Please reload the "
                 "page and send the form again."),
}


def frame_headers(response, origins: list[str]) -> None:
    """frame-ancestors for the allowed origins (and the portal itself, for the staff preview);
    'none' and X-Frame-Options DENY when there are none."""
    if origins:
        response._csp_replace = {"frame-ancestors": [SELF, *origins]}
        response.xframe_options_exempt = True
    else:
        response._csp_replace = {"frame-ancestors": [NONE]}


def _parent(request, origins: list[str]) -> str:
    raw = request.GET.get(routes.PARENT_PARAM, "")[:300]
    if raw and raw == f"{request.scheme}://{request.get_host()}":
        return raw  # the portal itself: the staff page's preview
    try:
        origin = normalise_origin(raw) if raw else ""
    except Exception:
        return ""
    return origin if origin in origins else ""


def _embed_query(embed: Embedding, query: str = "", grant: str = "") -> str:
    params = QueryDict(query, mutable=True)
    for name in (routes.PARENT_PARAM, routes.GRANT_PARAM):
        params.pop(name, None)
    if embed.parent:
        params[routes.PARENT_PARAM] = embed.parent
    if grant:
        params[routes.GRANT_PARAM] = grant
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


def _leave_frame(request, embed: Embedding, url: str, *, status: int = 200):
    """A page inside the frame that opens `url` in a new top-level window (sign-in, or a page
    that is not embeddable)."""
    response = render(request, "portal/embedding/leave_frame.html",
                      {"authority": embed.authority, "url": url}, status=status)
    frame_headers(response, embed.origins)
    return response


def _rewrite_redirect(request, embed: Embedding, response):
    location = response.get("Location", "")
    parts = urlsplit(location)
    if parts.netloc and parts.netloc != request.get_host():
        return _leave_frame(request, embed, location)
    if not parts.path.startswith(embed.portal_prefix):
        return _leave_frame(request, embed, location)
    grant = ""
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    page = registry.page(match.view_name) if match is not None else None
    if page is not None and page.receipt_argument:
        uid = str(match.kwargs[page.receipt_argument])
        grant = tokens.receipt_grant(authority_id=embed.authority.pk, uid=uid)
    rest = parts.path[len(embed.portal_prefix):]
    response["Location"] = (routes.embed_url(embed.authority.slug, rest)
                            + _embed_query(embed, parts.query, grant))
    return response


def _refuse_token(request, embed: Embedding, reason: str):
    response = render(request, "portal/embedding/token_refused.html",
                      {"authority": embed.authority, "message": TOKEN_MESSAGES[reason]},
                      status=403)
    frame_headers(response, embed.origins)
    return response


@never_cache
@csrf_exempt
@accepts_attachments
def embedded(request, authority_slug, rest=""):
    authority = get_object_or_404(selectors.public_authorities(), slug=authority_slug)
    origins = authority.embed_origin_list
    path = f"/{authority.slug}/{rest}"
    embed = Embedding(authority=authority, path=path, origins=origins)
    embed.parent = _parent(request, origins)
    request.embed = embed
    only_embedded = registry.embed_only(rest)
    if only_embedded is not None:
        view, args, kwargs = only_embedded, (), {"authority_slug": authority.slug}
    else:
        try:
            match = resolve(path)
        except Resolver404 as exc:
            raise Http404 from exc
        if match.kwargs.get("authority_slug") != authority.slug:
            raise Http404
        page = registry.page(match.view_name)
        if page is None:
            query = request.GET.copy()
            for name in (routes.PARENT_PARAM, routes.GRANT_PARAM):
                query.pop(name, None)
            return _leave_frame(request, embed, path + (f"?{query.urlencode()}" if query else ""))
        view, args, kwargs = match.func, match.args, match.kwargs
        if page.receipt_argument:
            embed.granted_uid = tokens.granted_receipt(
                request.GET.get(routes.GRANT_PARAM, ""), authority_id=authority.pk)
    if request.method == "POST":
        try:
            tokens.check_form_token(request.POST.get(routes.TOKEN_FIELD, ""),
                                    authority_id=authority.pk, path=path)
        except tokens.TokenRefused as exc:
            return _refuse_token(request, embed, exc.reason)
    response = view(request, *args, **kwargs)
    if response.status_code in (301, 302, 303, 307, 308) and response.has_header("Location"):
        response = _rewrite_redirect(request, embed, response)
    frame_headers(response, origins)
    return response

