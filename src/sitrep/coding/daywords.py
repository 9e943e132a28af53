"""Event days in other languages: "вчера", "mardi", "am Mittwoch" against the publication date.

A sentence naming yesterday, today or a weekday gets that day (the weekday on or before the
publication day); otherwise the event takes the publication day, as in English
(:mod:`sitrep.coding.timing`), with precision ``publication``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from ..vocabulary import fold

# per language: (yesterday, today, the seven weekdays from Monday); folded (no accents)
DAY_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "fr": (("hier",), ("aujourd'hui", "ce matin", "ce soir", "cette nuit"),
           ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")),
    "de": (("gestern",), ("heute",), ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")),
    "es": (("ayer",), ("hoy", "esta manana", "esta noche"),
           ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")),
    "it": (("ieri",), ("oggi", "stamattina", "stanotte"),
           ("lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica")),
    "pt": (("ontem",), ("hoje",), ("segunda-feira", "terca-feira", "quarta-feira", "quinta-feira", "sexta-feira",
                                   "sabado", "domingo")),
    "nl": (("gisteren",), ("vandaag",), ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")),
    "ro": (("ieri",), ("astazi", "azi"), ("luni", "marti", "miercuri", "joi", "vineri", "sambata", "duminica")),
    "tr": (("dun",), ("bugun",), ("pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar")),
    "ru": (("вчера",), ("сегодня",), ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")),
    "uk": (("вчора",), ("сьогодні",), ("понеділок", "вівторок", "середу", "четвер", "п'ятницю", "суботу", "неділю")),
    "bg": (("вчера",), ("днес",), ("понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя")),
    "ar": (("أمس", "امس"), ("اليوم",), ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")),
    "el": (("χθες", "χτες"), ("σημερα",), ("δευτερα", "τριτη", "τεταρτη", "πεμπτη", "παρασκευη", "σαββατο", "κυριακη")),
}


def event_day(text: str, language: str, published: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(ISO day, precision) of an event told in ``text``; the publication day when no word says."""
    anchor = _anchor(published)
    if anchor is None:
        return None, None
    words = DAY_WORDS.get(language)
    if words:
        folded = fold(text)
        yesterday, today, weekdays = words
        if _has(folded, yesterday):
            return (anchor - timedelta(days=1)).isoformat(), "day"
        if _has(folded, today):
            return anchor.isoformat(), "day"
        for index, name in enumerate(weekdays):
            if _has(folded, (name,)):
                return (anchor - timedelta(days=(anchor.weekday() - index) % 7)).isoformat(), "day"
    return anchor.isoformat(), "publication"


def _has(folded: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(fold(w))}(?!\w)", folded) for w in words)


def _anchor(published: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
