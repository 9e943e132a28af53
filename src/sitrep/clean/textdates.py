"""A publication date written at the top of the page text, in any of the languages we read.

Used only when no field gives one. Looked for in the first :data:`HEAD` characters, in this
order: a leading ``date 2024-12-17`` line (``date 2024-12`` gives the month, or the day when
a full date of that month follows); then the first full date of the head in a numeric
(08.12.2024, 19/02/2010, 2024-12-17) or written form ("17 décembre 2024", "17 декабря 2024",
"27 de noviembre de 2024", "Feb 18, 2010") that stands apart from the prose: at the start of
a line or after a publication word or a time ("Stand: 08.12.2024", "Posted Feb 18, 2010",
"14:48—27 вересня 2022"), or followed by a time or the end of its line. "On Saturday, April
13, 2024, Iran launched ..." is the event's day, not the page's. A day and month without a
year is not a date here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..vocabulary import fold

HEAD = 400
# month name stems (folded: lower case, no accents) -> month number; a word starting with a stem counts
_MONTHS = {
    1: ("jan", "janv", "ener", "genn", "janeiro", "ianuar", "январ", "січ", "январ", "ιαν", "ocak", "يناير", "كانون الثاني"),
    2: ("feb", "fev", "fevr", "febr", "febbr", "fevereiro", "februar", "феврал", "лют", "февруар", "φεβ", "subat", "فبراير", "شباط"),
    3: ("mar", "marz", "maart", "marzo", "marco", "martie", "март", "берез", "μαρ", "mart", "مارس", "آذار"),
    4: ("apr", "avr", "abr", "aprile", "abril", "aprilie", "апрел", "квіт", "април", "απρ", "nisan", "أبريل", "ابريل", "نيسان"),
    5: ("may", "mai", "mei", "mayo", "maggio", "maio", "мая", "май", "трав", "μαΐ", "μαι", "mayis", "مايو", "أيار"),
    6: ("jun", "juin", "juni", "junio", "giugno", "junho", "iunie", "июн", "черв", "юни", "ιουν", "haziran", "يونيو", "حزيران"),
    7: ("jul", "juil", "juli", "julio", "luglio", "julho", "iulie", "июл", "лип", "юли", "ιουλ", "temmuz", "يوليو", "تموز"),
    8: ("aug", "aout", "agos", "ago", "augustus", "august", "август", "серп", "αυγ", "agustos", "أغسطس", "اغسطس", "آب"),
    9: ("sep", "sept", "setiem", "settem", "setem", "septiem", "сентябр", "верес", "септемв", "σεπ", "eylul", "سبتمبر", "أيلول"),
    10: ("oct", "okt", "octu", "ottob", "outub", "octombr", "октябр", "окт", "жовт", "октомв", "οκτ", "ekim", "أكتوبر", "اكتوبر", "تشرين الأول"),
    11: ("nov", "novem", "noviem", "novemb", "ноябр", "листоп", "ноемв", "νοε", "kasim", "نوفمبر", "تشرين الثاني"),
    12: ("dec", "dez", "dic", "decem", "dicie", "dezem", "декабр", "груд", "декемв", "δεκ", "aralik", "ديسمبر", "كانون الأول"),
}
_LEADING = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})([./])(\d{1,2})\2(\d{4})|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_PUBLISHED = re.compile(r"(?:stand|posted|published|updated|publié|publie|mis à jour|veröffentlicht|aktualisiert|"
                        r"publicado|actualizado|pubblicato|aggiornato|gepubliceerd|опубликовано|обновлено|"
                        r"опубліковано|публикувано|نشر)\W*(?:le|am|on|el|il|em|op)?\W*$", re.IGNORECASE)
_AFTER = re.compile(r"^\s*(?:[-–—|,·]\s*)?(?:\d{1,2}[:.h]\d{2}|[^\W\d_]*\d|$)|^[^\s,.;]")
_WORD = r"([^\W\d_][^\W\d_.]*)\.?"
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+)?{_WORD}\s+(?:de\s+)?(\d{{4}})(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"{_WORD}\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")


@dataclass(frozen=True)
class TextDate:
    value: str  # ISO day, or year-month for a leading "date 2024-12"
    start: int
    end: int


def date_in_text(text: str) -> Optional[TextDate]:
    """The page's own publication date from the head of ``text``, if it shows one."""
    head = text[:HEAD]
    leading = _LEADING.match(head)
    found = [d for d in (_numeric(head), _written(head)) if d is not None]
    first = min(found, key=lambda d: d.start) if found else None
    if leading:
        year, month, day = leading.groups()
        value = _iso(int(year), int(month), int(day) if day else None)
        if value and not day and first is not None and first.value.startswith(value):
            return first
        if value:
            return TextDate(value, leading.start(1), leading.end())
    return first


def _standalone(head: str, start: int, end: int) -> bool:
    """Not inside a sentence: page furniture around it (line start, publication word, time)."""
    line_start = head.rfind("\n", 0, start) + 1
    before = _LEADING.sub("", head[line_start:start]).strip()
    after = head[end:end + 12].split("\n", 1)[0]
    if not before or _PUBLISHED.search(before) or before[-1:].isdigit() or before[-1:] in "—–-|·:" or head[start - 1:start].isalpha():
        return True
    return not after.strip() or bool(_AFTER.match(after))


def _numeric(head: str) -> Optional[TextDate]:
    for match in _NUMERIC.finditer(head):
        if match.group(1):
            value = _iso(int(match.group(4)), int(match.group(3)), int(match.group(1)))
        else:
            value = _iso(int(match.group(5)), int(match.group(6)), int(match.group(7)))
        if value and _standalone(head, match.start(), match.end()):
            return TextDate(value, match.start(), match.end())
    return None


def _written(head: str) -> Optional[TextDate]:
    found = []
    for match in _DAY_MONTH_YEAR.finditer(head):
        month = month_number(match.group(2))
        value = _iso(int(match.group(3)), month, int(match.group(1))) if month else None
        if value and _standalone(head, match.start(), match.end()):
            found.append(TextDate(value, match.start(), match.end()))
            break
    for match in _MONTH_DAY_YEAR.finditer(head):
        month = month_number(match.group(1))
        value = _iso(int(match.group(3)), month, int(match.group(2))) if month else None
        if value and _standalone(head, match.start(), match.end()):
            found.append(TextDate(value, match.start(), match.end()))
            break
    return min(found, key=lambda d: d.start) if found else None


def month_number(word: str) -> Optional[int]:
    """The month a month name (any of the languages, any case form, or its abbreviation) names."""
    folded = fold(word)
    best: Optional[tuple[int, int]] = None
    for number, stems in _MONTHS.items():
        for stem in stems:
            stem = fold(stem)
            if folded.startswith(stem) and (len(stem) >= 3 or folded == stem) and (best is None or len(stem) > best[0]):
                best = (len(stem), number)
    return best[1] if best else None


def _iso(year: int, month: int, day: Optional[int]) -> Optional[str]:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat() if day else date(year, month, 1).isoformat()[:7]
    except ValueError:
        return None
