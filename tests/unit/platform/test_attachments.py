from __future__ import annotations

from urllib.parse import unquote

from bangkom.platform.web.attachments import attachment


def test_a_plain_name_is_sent_as_it_is() -> None:
    assert attachment("usulan-pelatihan-12.73.BKPSDM.xlsx") == {
        "Content-Disposition": 'attachment; filename="usulan-pelatihan-12.73.BKPSDM.xlsx"'
    }


def test_a_name_beyond_latin_1_goes_as_utf_8_with_an_ascii_stand_in() -> None:
    name = 'skm-Dinas "Kesehatan" \\ 日本-\U000f675d.csv'

    disposition = attachment(name)["Content-Disposition"]

    disposition.encode("latin-1")  # what a header must be: this raised before
    plain, encoded = disposition.removeprefix("attachment; ").split("; ")
    assert plain == 'filename="skm-Dinas _Kesehatan_ _ __-_.csv"'
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == name
