"""The one catalogue of words: every id in both languages, with the same arguments."""

import pytest

from alassess import catalogue
from alassess.domain import findings


def test_every_entry_has_both_languages_and_the_same_arguments():
    assert catalogue.problems() == []


def test_text_fills_arguments_and_renders_terms_in_the_readers_language():
    assert catalogue.text("bad_period", "zh", value="25") == "评估期“25”无效，请填写四位年份，如 2025"
    assert catalogue.text("bad_period", "en", value="25").startswith("period “25” is not valid")
    term = catalogue.Term("sector.alumina")
    assert catalogue.text("not_applicable_field", "zh", key="x", sector=term).endswith("不适用于氧化铝行业，已忽略")
    assert "alumina sector" in catalogue.text("not_applicable_field", "en", key="x", sector=term)


def test_unknown_id_is_a_programming_error():
    with pytest.raises(catalogue.CatalogueError):
        catalogue.text("no_such_message_id", "en")


def test_finding_says_itself_in_either_language():
    f = findings.Finding(id="x", module="input", severity=findings.Severity.MAJOR, message="bad_period",
                         args={"value": "25"}, fields=("period",))
    assert f.text("zh").startswith("评估期")
    assert f.text("en").startswith("period")
    assert findings.Severity.CRITICAL.text("zh") == "严重"
    assert [s.value for s in findings.counts([f])] == ["critical", "major", "minor", "info"]
    assert findings.counts([f])[findings.Severity.MAJOR] == 1
