"""Staff page: the embed snippets of an authority, with copy buttons and a live preview."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse

from ..models import Authority
from . import registry, routes


def _snippet_code(*, frame_url: str, loader_url: str, title: str) -> str:
    from django.utils.html import escape

    return (f'<iframe src="{escape(frame_url)}" title="{escape(title)}" '
            f'data-beteiligungsportal width="100%" height="600" loading="lazy" '
            # The incident form offers "my current position" (Permissions-Policy).
            f'allow="geolocation"></iframe>\n'
            f'<script src="{escape(loader_url)}" defer></script>')


@login_required
def embed_snippets(request, pk):
    authority = get_object_or_404(Authority.objects.for_staff(request.user), pk=pk)
    base = request.build_absolute_uri("/").rstrip("/")
    loader_url = base + static("portal/js/embed.js")
    snippets = []
    for index, snippet in enumerate(registry.snippets(authority), start=1):
        path = routes.embed_url(authority.slug, snippet.rest)
        snippets.append({
            "number": index, "label": snippet.label, "kind": snippet.kind, "path": path,
            "code": _snippet_code(frame_url=base + path, loader_url=loader_url,
                                  title=f"{snippet.label} – {authority.name}"),
        })
    chosen = request.GET.get("vorschau", "1")
    preview = next((s for s in snippets if str(s["number"]) == chosen), snippets[0] if snippets else None)
    return render(request, "portal/embedding/staff_snippets.html", {
        "authority": authority,
        "origins": authority.embed_origin_list,
        "snippets": snippets,
        "preview": preview,
        "can_manage": request.user.has_perm("portal.manage_authority", authority),
        "settings_url": reverse("portal:staff-authority-settings", args=[authority.pk]),
    })
