"""XML namespaces of XPlanGML and version detection by namespace."""

import re

from django.utils.translation import gettext as _

from gis.errors import InputError

GML32 = "http://www.opengis.net/gml/3.2"
GML31 = "http://www.opengis.net/gml"
GML_NAMESPACES = frozenset({GML32, GML31})
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XINCLUDE_NAMESPACES = frozenset(
    {"http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"}
)
WFS_NAMESPACES = frozenset({"http://www.opengis.net/wfs", "http://www.opengis.net/wfs/2.0"})

XPLAN_60 = "http://www.xplanung.de/xplangml/6/0"

_XPLAN_NAMESPACE = re.compile(r"^http://www\.xplanung\.de/xplangml/(\d+)/(\d+)$")

#: The versions this reader understands. A new minor version is one line here once its
#: differences are handled (see docs/xplanung.md).
SUPPORTED_VERSIONS = ("4.0", "4.1", "5.0", "5.1", "5.2", "5.3", "5.4", "6.0")

#: Elements that hold features: XPlanAuszug and WFS 1.x/2.0 collections.
FEATURE_CONTAINERS = frozenset(
    {
        f"{{{GML32}}}featureMember",
        f"{{{GML32}}}featureMembers",
        f"{{{GML31}}}featureMember",
        f"{{{GML31}}}featureMembers",
        *(f"{{{ns}}}member" for ns in WFS_NAMESPACES),
    }
)
COLLECTION_NAMES = frozenset({"XPlanAuszug", "FeatureCollection"})


def split_tag(tag: str) -> tuple[str, str]:
    """'{ns}local' -> ('ns', 'local'); a tag without namespace -> ('', tag)."""
    if tag.startswith("{"):
        namespace, _sep, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def xplan_version_of(namespace: str) -> str | None:
    """'http://www.xplanung.de/xplangml/5/4' -> '5.4'; any other namespace -> None."""
    match = _XPLAN_NAMESPACE.match(namespace or "")
    if not match:
        return None
    return f"{int(match.group(1))}.{int(match.group(2))}"


def is_xplan_namespace(namespace: str) -> bool:
    return xplan_version_of(namespace) is not None


def require_supported(namespace: str) -> str:
    """The version of an XPlanGML namespace, or InputError if this reader does not support it."""
    version = xplan_version_of(namespace)
    if version is None or version not in SUPPORTED_VERSIONS:
        raise InputError(
            _(
                "XPlanGML version not supported: the file uses the namespace “%(namespace)s”. "
                "Supported are XPlanGML %(versions)s; export the plan in one of these versions."
            )
            % {"namespace": namespace or "-", "versions": ", ".join(SUPPORTED_VERSIONS)}
        )
    return version
