"""The QR label sheet: render the PDF page (pdftoppm), decode the QR code (zxing-cpp) and
open the decoded URL: it is the report form prefilled with that signpost."""

import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from ..tagged_pdf import tagged_pdf_problems

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_decoded_qr_opens_the_prefilled_form(client, forest, warden_staff, tmp_path):
    client.force_login(warden_staff)
    response = client.get(f"/staff/wege/{forest['trail'].pk}/etiketten.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert tagged_pdf_problems(response.content) == []
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    [page] = sorted(tmp_path.glob("page*.png"))
    [code] = zxingcpp.read_barcodes(Image.open(page))
    url = urlsplit(code.text)
    signpost = forest["signpost"]
    assert url.path == f"/ww/{signpost.public_id}/"
    client.logout()
    form = client.get(url.path)
    assert form.status_code == 200
    assert form.context["authority"] == forest["authority"]
    html = form.content.decode()
    assert signpost.public_id in html  # the place description names the signpost
    assert f'value="{forest["category"].pk}" selected' in html
    assert "Malerweg" in html


def test_labels_of_another_authority_are_404(client, forest, other_staff):
    client.force_login(other_staff)
    assert client.get(f"/staff/wege/{forest['trail'].pk}/etiketten.pdf").status_code == 404
