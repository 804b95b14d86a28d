"""The URL space of embedded pages, and how a request knows it is embedded.

The embeddable pages are the existing views, reached under /einbetten/<slug>/<rest of their
path>: the dispatcher resolves /<slug>/<rest> and serves it only when its URL name is
registered (portal.embedding.registry). Receipts are registered with the URL argument that
names the receipt, so that a signed grant can open them without the session
(portal.embedding.tokens).
"""

from dataclasses import dataclass, field

PREFIX = "einbetten"
#: Query parameters of embedded URLs (German, as the portal's other URLs).
PARENT_PARAM = "eltern"
GRANT_PARAM = "beleg"
#: The hidden field of embedded forms (portal.templatetags.embedding).
TOKEN_FIELD = "embed_token"  # noqa: S105 - a field name, not a secret



@dataclass
class Embedding:
    """Set as request.embed while an embedded page is served."""

    authority: object
    path: str                      # the page's own path, /<slug>/<rest>
    origins: list[str] = field(default_factory=list)
    parent: str = ""               # the host page's origin, when it is on the list
    granted_uid: str | None = None

    @property
    def prefix(self) -> str:
        return f"/{PREFIX}/{self.authority.slug}/"

    @property
    def portal_prefix(self) -> str:
        return f"/{self.authority.slug}/"


def embed_url(authority_slug: str, rest: str = "") -> str:
    return f"/{PREFIX}/{authority_slug}/{rest}"


def receipt_granted(request, uid) -> bool:
    """True when an embedded request carries a valid grant for this receipt."""
    embed = getattr(request, "embed", None)
    return embed is not None and embed.granted_uid is not None and embed.granted_uid == str(uid)
