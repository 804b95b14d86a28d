"""Fonts of the portal's PDFs (receipts, letters, the Abwägungstabelle): DejaVu from Debian's
fonts-dejavu-core, which covers German and every Latin script; Helvetica (latin-1) otherwise."""

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "DejaVu"


def register_fonts(pdf: FPDF, *, condensed: bool = False) -> str:
    """Add regular and bold DejaVu to `pdf`; return the family name to use."""
    names = ("DejaVuSansCondensed", "DejaVuSans") if condensed else ("DejaVuSans",)
    for name in names:
        regular, bold = FONT_DIR / f"{name}.ttf", FONT_DIR / f"{name}-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font(FAMILY, "", str(regular))
            pdf.add_font(FAMILY, "B", str(bold))
            return FAMILY
    return "Helvetica"  # latin-1 only; scripts/install-system.sh installs fonts-dejavu-core
