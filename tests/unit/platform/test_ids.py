import uuid

from bangkom.platform.ids import random_uuids


def test_random_uuids_are_distinct_version_4_uuids_in_their_usual_text_form() -> None:
    ids = random_uuids(2000)

    assert len(set(ids)) == 2000
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == text


def test_no_uuids_asked_none_given() -> None:
    assert random_uuids(0) == []
