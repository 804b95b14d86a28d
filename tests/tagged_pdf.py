"""A tagged-PDF check written from PDF/UA-1's machine-checkable rules (ISO 14289-1 §7.1, 7.2,
7.3 and the Matterhorn Protocol's checkpoints 01, 06, 11, 13), read with pypdf:

- the catalog says /MarkInfo << /Marked true >> and has a /StructTreeRoot with elements;
- the document language (/Lang) is set;
- a title is set and shown in the window (/DisplayDocTitle true);
- every text-showing operator is inside tagged content or an /Artifact (nothing untagged);
- every marked-content sequence's MCID is reachable from the structure tree (/ParentTree);
- every /Figure has alternative text (/Alt).
"""

import io

from pypdf import PdfReader
from pypdf.generic import ContentStream

TEXT_OPERATORS = {b"Tj", b"TJ", b"'", b'"'}


def _elements(node, found):
    node = node.get_object()
    found.append(node)
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if kid is not None and hasattr(kid, "get_object"):
            child = kid.get_object()
            if hasattr(child, "get") and child.get("/S") is not None:
                _elements(child, found)
    return found


def _parent_tree_sizes(tree) -> dict[int, int]:
    nums = tree.get_object().get("/Nums", [])
    return {int(nums[i]): len(nums[i + 1].get_object()) for i in range(0, len(nums), 2)}


def tagged_pdf_problems(content: bytes) -> list[str]:
    """What keeps the PDF from being a tagged PDF (empty: none found)."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    problems = []
    if not (root.get("/MarkInfo") or {}).get("/Marked"):
        problems.append("no /MarkInfo /Marked true")
    if not str(root.get("/Lang") or ""):
        problems.append("no /Lang")
    if not (reader.metadata and reader.metadata.title):
        problems.append("no title")
    if not (root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle"):
        problems.append("title not displayed (/DisplayDocTitle)")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return [*problems, "no /StructTreeRoot"]
    tree = tree.get_object()
    elements = _elements(tree["/K"][0] if isinstance(tree["/K"], list) else tree["/K"], [])
    if len(elements) < 2:
        problems.append("empty structure tree")
    problems += [f"figure without /Alt: {e}" for e in elements
                 if e.get("/S") == "/Figure" and not str(e.get("/Alt") or "")]
    parent_tree = _parent_tree_sizes(tree["/ParentTree"])
    for number, page in enumerate(reader.pages, start=1):
        depth, tagged, mcids = 0, 0, set()
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                depth += 1
                if operator == b"BDC" and "/MCID" in operands[1]:
                    tagged += 1
                    mcids.add(int(operands[1]["/MCID"]))
            elif operator == b"EMC":
                depth -= 1
            elif operator in TEXT_OPERATORS and depth == 0:
                problems.append(f"page {number}: untagged text {operands!r:.60}")
        spid = page.get("/StructParents")
        if mcids and (spid is None or parent_tree.get(int(spid), 0) <= max(mcids)):
            problems.append(f"page {number}: marked content missing from /ParentTree")
        if not tagged:
            problems.append(f"page {number}: no tagged content")
    return problems


def structure_types(content: bytes) -> list[str]:
    """The structure elements' types in document order, e.g. ["/Document", "/H1", "/P"]."""
    tree = PdfReader(io.BytesIO(content)).trailer["/Root"]["/StructTreeRoot"].get_object()
    return [str(e.get("/S")) for e in _elements(tree["/K"][0], [])]


def document_language(content: bytes) -> str:
    return str(PdfReader(io.BytesIO(content)).trailer["/Root"].get("/Lang") or "")
