"""Tagged PDF (PDF 1.7 §14.8, the basis of PDF/UA) on top of fpdf2.

fpdf2 2.8 writes a structure tree only for images and links with alternative text, flat under
one /Document element. `TaggedPDF` adds what the portal's PDFs need:

- `tag("P")`: a marked-content sequence (`/P <</MCID n>> BDC … EMC`) tied to a new structure
  element; a page break inside it closes the sequence and continues it on the next page in a
  new element of the same type;
- `structure("Table")`: a grouping element (Table, TR) whose tags become its children;
- `artifact()`: page furniture (running headers, footers, rules, fold marks) that assistive
  technology skips;
- the document language (/Lang), the title shown in the window (/DisplayDocTitle) and
  /MarkInfo /Marked true.

It relies on fpdf2's structure-tree classes (`fpdf.structure_tree`), which is why fpdf2 is
pinned exactly; tests/pdf_accessibility reads the result back with pypdf.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF, ViewerPreferences
from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFObject


class _NestedStructureTree(StructureTreeBuilder):
    """fpdf2's builder, extended to nested elements and to marked content numbered per page."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[StructElem] = []

    def add_element(self, *, struct_type: str, parent: StructElem | None, page_number: int,
                    mcid: int | None = None, title: str | None = None,
                    alt_text: str | None = None) -> StructElem:
        parent = parent or self.doc_struct_elem
        element = StructElem(struct_type=struct_type, parent=parent,
                             kids=[] if mcid is None else [mcid], page_number=page_number,
                             title=title, alt=alt_text)
        parent.k.append(element)
        self.elements.append(element)
        return element

    def add_marked_content(self, page_number: int, struct_type: str, mcid: int | None = None,
                           title: str | None = None, alt_text: str | None = None,
                           parent: StructElem | None = None) -> tuple[StructElem, int]:
        spid = self.spid_per_page_number.setdefault(page_number,
                                                    len(self.spid_per_page_number))
        element = self.add_element(struct_type=struct_type, parent=parent,
                                   page_number=page_number, mcid=mcid, title=title,
                                   alt_text=alt_text)
        if mcid is not None:  # the parent tree lists a page's elements by MCID
            self.struct_tree_root.parent_tree.nums[spid].append(element)
        return element, spid

    def next_mcid_for_page(self, page_number: int) -> int:
        spid = self.spid_per_page_number.get(page_number)
        return 0 if spid is None else len(self.struct_tree_root.parent_tree.nums[spid])

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self.elements


class TaggedPDF(FPDF):
    """An FPDF whose content is tagged; `lang` is a BCP 47 tag such as "de" or "en"."""

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.struct_builder = _NestedStructureTree()
        self.set_lang(lang)
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self._open_tag: str | None = None
        self._parents: list[StructElem] = []

    def _begin_tag(self, struct_type: str, alt: str | None = None) -> StructElem:
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        element, spid = self.struct_builder.add_marked_content(
            page_number=self.page, struct_type=f"/{struct_type}", mcid=mcid, alt_text=alt,
            parent=self._parents[-1] if self._parents else None)
        element.pg = self.pages[self.page]
        self.pages[self.page].struct_parents = spid
        self._set_min_pdf_version("1.4")
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        return element

    @contextmanager
    def tag(self, struct_type: str, *, alt: str | None = None):
        """Content drawn inside belongs to a new `struct_type` element (P, H1, TD, Figure …)."""
        if self._open_tag is not None:
            raise RuntimeError("marked-content sequences do not nest")
        element = self._begin_tag(struct_type, alt)
        self._open_tag = struct_type
        try:
            yield element
        finally:
            self._open_tag = None
            self._out("EMC")

    @contextmanager
    def structure(self, struct_type: str):
        """A grouping element (Table, TR, Sect): tags opened inside become its children."""
        element = self.struct_builder.add_element(
            struct_type=f"/{struct_type}", parent=self._parents[-1] if self._parents else None,
            page_number=max(self.page, 1))
        self._parents.append(element)
        try:
            yield element
        finally:
            self._parents.pop()

    @contextmanager
    def artifact(self):
        """Page furniture that is not part of the document's content."""
        if self._open_tag is not None:  # e.g. a footer drawn during a page break
            yield
            return
        self._out("/Artifact BMC")
        try:
            yield
        finally:
            self._out("EMC")

    def add_page(self, *args, **kwargs):
        """A page break inside a tag ends its sequence on this page and continues it on the
        next one (fpdf2 itself raises "A page jump occurred inside a marked sequence")."""
        open_tag = self._open_tag
        if open_tag is not None and self.page:
            self._out("EMC")
            self._open_tag = None
        super().add_page(*args, **kwargs)
        if open_tag is not None:
            self._begin_tag(open_tag)
            self._open_tag = open_tag
