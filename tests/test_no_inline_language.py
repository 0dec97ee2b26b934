"""Words come from the catalogue of words, never from an inline choice of language.

Scans the source of ``alassess/`` for the ways words used to be chosen in code — ``lang == "zh"``,
``"…" if zh else "…"``, ``x_zh if … else x_en`` — so that nobody brings them back. Widgets are
exempt (they use Qt's ``tr``); the other exemptions are listed with their reason and are to be
removed as those files move their words to the catalogue (a listed file that no longer needs its
exemption fails too, so that the list only shrinks).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "alassess"

PATTERNS = [
    re.compile(r"""\blang\s*[!=]=\s*["'](zh|en)["']"""),   # lang == "zh"
    re.compile(r"""["'](zh|en)["']\s*[!=]=\s*[\w.]*lang\b"""),  # "zh" == args.lang
    re.compile(r"\bif\s+(not\s+)?zh\s+else\b"),               # "…" if zh else "…"
    re.compile(r"\b\w+_zh\s+if\b"),                           # label_zh if … else label_en
    re.compile(r"\bzh\s*=\s*.*\blang\b"),                     # zh = args.lang …
]

# path (a file or a folder, relative to the repository) → why it is not scanned (yet)
EXEMPT = {
    "alassess/ui": "widgets: Qt's tr and the .ts/.qm translations, not the catalogue",
    "alassess/catalogue/__init__.py": "the catalogue itself: the one place where a language is chosen",
}


def _exempt(rel: str) -> bool:
    return any(rel == e or rel.startswith(e + "/") for e in EXEMPT)


def _hits(path: Path) -> list[str]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = re.sub(r"\s#\s.*$", "", line)  # not in a comment
        if any(p.search(code) for p in PATTERNS):
            out.append(f"{path.relative_to(ROOT).as_posix()}:{n}: {line.strip()}")
    return out


def test_no_inline_language_choice_outside_the_exemptions():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if not _exempt(path.relative_to(ROOT).as_posix()):
            found += _hits(path)
    assert not found, ("choose words with catalogue.text(id, lang) and an entry in resources/words/ "
                       "instead of inline:\n" + "\n".join(found))


def test_every_exemption_is_still_needed():
    stale = []
    for rel in EXEMPT:
        target = ROOT / rel
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target] if target.exists() else []
        if rel != "alassess/ui" and not any(_hits(f) for f in files):
            stale.append(rel)
    assert not stale, f"no inline language choice left in {stale}: remove them from EXEMPT"


def test_the_patterns_catch_what_they_are_for():
    caught = ['x = "是" if lang == "zh" else "yes"', 'print("已记录" if zh else "recorded")',
              "name = self.label_zh if lang == 'zh' else self.label_en", "zh = args.lang == 'zh'",
              'if "en" == args.lang:']
    assert all(any(p.search(c) for p in PATTERNS) for c in caught)
    fine = ['say("cli.recorded", args.lang)', 'lang = lang if lang in catalogue.LANGS else "en"',
            'report_lang = args.lang if explicit else "zh"']
    assert not any(p.search(c) for p in PATTERNS for c in fine)
