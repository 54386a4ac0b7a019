"""Person names: finding them in text and putting them into «Фамилия И.О.» nominative form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from protocols.morph import parses

_CAP = r"[А-ЯЁ]"
SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.\s?[А-ЯЁ]\.?|[А-ЯЁ]\.(?!\s?[А-ЯЁ]\.)"
_INITIALS_RE = re.compile(rf"(?<![А-ЯЁа-яёA-Za-z.])(?:{_INITIALS})(?=[\s,;:)]|$)")
_SURNAME_WORD = re.compile(rf"^{SURNAME}$")
_PATRONYMIC = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:(?P<m>ович|евич|ьич|ич)(?:а|у|ем|ом|е)?|"
    r"(?P<f>овн|евн|ичн|иничн)(?:а|ы|е|у|ой|ою))$"
)
_FULL_NAME = re.compile(
    rf"(?<![А-ЯЁа-яё])(?P<a>{SURNAME})\s+(?P<b>{_CAP}[а-яё]+)\s+(?P<c>{_CAP}[а-яё]+)(?![а-яё])"
)
_NOT_SURNAME = frozenset(
    {
        "председатель", "заместитель", "секретарь", "директор", "начальник", "руководитель",
        "губернатор", "министр", "глава", "ректор", "проректор", "президент", "департамент",
        "управление", "отдел", "срок", "ответственный", "ответственные", "исполнитель",
        "исполнители", "поручить", "рекомендовать", "предложить", "просить", "отв",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person name found in text."""

    start: int
    end: int
    surname: str
    initials: str  # capital letters without dots, e.g. "ДС"
    gender: str | None  # "m", "f" or None when the form does not tell


def _initial_letters(initials: str) -> str:
    return "".join(ch for ch in initials if ch.isalpha() and ch.isupper())


def _patronymic_gender(word: str) -> str | None:
    m = _PATRONYMIC.match(word)
    if not m:
        return None
    return "m" if m.group("m") else "f"


def _is_common_word(word: str) -> bool:
    """A dictionary word that is not a person name (e.g. "Департамента")."""
    if word.lower() in _NOT_SURNAME:
        return True
    found = parses(word)
    if not found:
        return False
    known = [p for p in found if p.is_known]
    if not known:
        return False
    return not any({"Surn", "Name", "Patr"} & set(p.tag.grammemes) for p in found)


def _is_place_name(word: str) -> bool:
    """A word the dictionary knows only as a place, which many surnames also are: before a
    first name and patronymic ("Кириллова Ольга Сергеевна") it is the surname."""
    found = parses(word)
    return bool(found) and word.lower() not in _NOT_SURNAME and all("Geox" in p.tag for p in found)


def find_persons(text: str) -> list[PersonMention]:
    """Person names in ``text``: «И.О. Фамилия», «Фамилия И.О.», «Фамилия Имя Отчество»."""
    found: list[PersonMention] = []

    def overlaps(start: int, end: int) -> bool:
        return any(p.start < end and start < p.end for p in found)

    for m in _FULL_NAME.finditer(text):
        a, b, c = m.group("a"), m.group("b"), m.group("c")
        gender = _patronymic_gender(c)
        if gender and (not _is_common_word(a) or _is_place_name(a)):
            found.append(PersonMention(m.start(), m.end(), a, b[0] + c[0], gender))
            continue
        gender = _patronymic_gender(b)
        if gender and not _is_common_word(c):
            found.append(PersonMention(m.start(), m.end(), c, a[0] + b[0], gender))
    for m in _INITIALS_RE.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        before = re.search(rf"(?<![А-ЯЁа-яё])({SURNAME})\s+$", text[: m.start()])
        after = re.match(rf"\s?({SURNAME})(?![а-яё.])", text[m.end() :])
        if after and text[m.end() : m.end() + 1] not in " " and text[m.end() - 1] != ".":
            after = None
        use_after = False
        if after and before:
            follow = text[m.end() + after.end() :]
            if re.match(rf"\s+(?:{_INITIALS})", follow):
                use_after = False
            else:
                # "Белая Т.М. Подготовить отчёт": a verb after the initials is the task.
                use_after = _is_common_word(before.group(1)) and not any(
                    "INFN" in p.tag.grammemes or "VERB" in p.tag.grammemes
                    for p in parses(after.group(1))
                )
        elif after:
            use_after = not _is_common_word(after.group(1))
        letters = _initial_letters(m.group(0))
        if use_after and after:
            start, end = m.start(), m.end() + after.end()
            if not overlaps(start, end):
                found.append(PersonMention(start, end, after.group(1), letters, None))
        elif before:
            start, end = m.start() - len(before.group(0)), m.end()
            if not overlaps(start, end):
                found.append(PersonMention(start, end, before.group(1), letters, None))
    return sorted(found, key=lambda p: p.start)


# --- surname morphology -------------------------------------------------------------------

_OV = re.compile(r"^(?P<stem>.{2,}?(?:ов|ев|ёв|ин|ын))(?P<end>|а|у|ым|е|ой|ою)$")
_SKY = re.compile(r"^(?P<stem>.{2,}?(?:ск|цк|зк))(?P<end>ий|ого|ому|им|ом|ая|ой|ую|ою)$")
_OV_ENDINGS: dict[str, tuple[tuple[str, str, frozenset[str]], ...]] = {
    "": (("", "m", frozenset({"nomn"})),),
    "а": (("", "m", frozenset({"gent", "accs"})), ("а", "f", frozenset({"nomn"}))),
    "у": (("", "m", frozenset({"datv"})), ("а", "f", frozenset({"accs"}))),
    "ым": (("", "m", frozenset({"ablt"})),),
    "е": (("", "m", frozenset({"loct"})),),
    "ой": (("а", "f", frozenset({"gent", "datv", "ablt", "loct"})),),
    "ою": (("а", "f", frozenset({"ablt"})),),
}
_SKY_ENDINGS: dict[str, tuple[tuple[str, str, frozenset[str]], ...]] = {
    "ий": (("ий", "m", frozenset({"nomn"})),),
    "ого": (("ий", "m", frozenset({"gent", "accs"})),),
    "ому": (("ий", "m", frozenset({"datv"})),),
    "им": (("ий", "m", frozenset({"ablt"})),),
    "ом": (("ий", "m", frozenset({"loct"})),),
    "ая": (("ая", "f", frozenset({"nomn"})),),
    "ой": (
        ("ая", "f", frozenset({"gent", "datv", "ablt", "loct"})),
        ("ой", "m", frozenset({"nomn-rare"})),
    ),
    "ую": (("ая", "f", frozenset({"accs"})),),
    "ою": (("ая", "f", frozenset({"ablt"})),),
}
_INDECLINABLE = re.compile(r"(?:их|ых|ко|енко|аго|яго|ово|дзе|швили|ия|иа|ли|ни|ну|о|э|и)$")
_CONSONANT = {
    "а": frozenset({"gent", "accs"}),
    "у": frozenset({"datv"}),
    "ом": frozenset({"ablt"}),
    "е": frozenset({"loct"}),
    "я": frozenset({"gent", "accs"}),
    "ю": frozenset({"datv"}),
    "ем": frozenset({"ablt"}),
}
_CASE_ORDER = ("nomn", "datv", "gent", "ablt", "accs", "loct")
_PYMORPHY_CASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}


@dataclass(frozen=True, slots=True)
class SurnameReading:
    """One way to read an inflected surname."""

    nominative: str
    gender: str | None
    cases: frozenset[str]


def _match_case(word: str, template: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    parts = word.split("-")
    shape = template.split("-")
    out = []
    for i, part in enumerate(parts):
        ref = shape[i] if i < len(shape) else shape[-1]
        out.append(part[:1].upper() + part[1:] if ref[:1].isupper() else part)
    return "-".join(out)


@lru_cache(maxsize=16384)
def surname_readings(word: str) -> tuple[SurnameReading, ...]:
    """Every plausible nominative of an inflected surname, with gender and case."""
    if "-" in word:
        heads = [surname_readings(part) for part in word.split("-")]
        if all(heads):
            first, second = heads[0], heads[-1]
            return tuple(
                SurnameReading(f"{a.nominative}-{b.nominative}", a.gender, a.cases & b.cases)
                for a in first
                for b in second
                if a.gender == b.gender and a.cases & b.cases
            ) or (SurnameReading(word, None, frozenset({"nomn"})),)
    lower = word.lower()
    readings: list[SurnameReading] = []
    if (m := _OV.match(lower)) is not None:
        for suffix, gender, cases in _OV_ENDINGS[m.group("end")]:
            readings.append(
                SurnameReading(_match_case(m.group("stem") + suffix, word), gender, cases)
            )
        return tuple(readings)
    if (m := _SKY.match(lower)) is not None:
        for suffix, gender, cases in _SKY_ENDINGS[m.group("end")]:
            readings.append(
                SurnameReading(_match_case(m.group("stem") + suffix, word), gender, cases)
            )
        return tuple(readings)
    if _INDECLINABLE.search(lower) and not lower.endswith(("ину", "ыну")):
        return (SurnameReading(word, None, frozenset(_CASE_ORDER)),)
    found = parses(lower)
    # An adjective surname the dictionary knows only as an adjective ("Белой" of "Белая").
    adjective = not any("Surn" in p.tag.grammemes for p in found)
    for p in found:
        grammemes = set(p.tag.grammemes)
        if p.tag.case is None or not ("Surn" in grammemes or (adjective and "ADJF" in grammemes)):
            continue
        sex = "f" if "femn" in grammemes else "m" if "masc" in grammemes else None
        if "Surn" in grammemes:
            wanted = {"femn"} if sex == "f" else set()
        elif "neut" in grammemes:
            continue  # no surname is neuter; "Новому" is masculine too
        else:
            sex = sex or "m"
            wanted = {"femn"} if sex == "f" else {"masc"}
        case = _PYMORPHY_CASES.get(str(p.tag.case), str(p.tag.case))
        target = p.inflect({"nomn", "sing"} | wanted)
        nominative = str(target.word) if target is not None else lower
        readings.append(SurnameReading(_match_case(nominative, word), sex, frozenset({case})))
    # Consonant-stem masculine surnames (Шевчук, Бондарь) decline; feminine ones do not.
    endings = (("а", ""), ("у", ""), ("ом", ""), ("е", ""), ("я", "ь"), ("ю", "ь"), ("ем", "ь"))
    for ending, add in endings:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = lower[: -len(ending)]
            if stem[-1] in "аеёиоуыэюяьй":
                continue
            readings.append(SurnameReading(_match_case(stem + add, word), "m", _CONSONANT[ending]))
            break
    oblique = lower.endswith(("у", "ю", "ом", "ем", "ым", "им", "ой", "ою"))
    if not readings or not oblique:
        readings.append(SurnameReading(word, None, frozenset({"nomn"})))
    unique: dict[tuple[str, str | None], SurnameReading] = {}
    for r in readings:
        key = (r.nominative, r.gender)
        if key in unique:
            old = unique[key]
            unique[key] = SurnameReading(r.nominative, r.gender, old.cases | r.cases)
        else:
            unique[key] = r
    return tuple(unique.values())


def nominative_surname(word: str, case_hint: str | None = None, gender: str | None = None) -> str:
    """The nominative of an inflected surname, keeping its gender.

    ``case_hint`` is the case the context implies (``"datv"`` after «Поручить»), ``gender``
    is known from a first name or patronymic. Without a hint a possible nominative is kept.
    """
    readings = [r for r in surname_readings(word) if gender is None or r.gender in (None, gender)]
    if not readings:
        readings = list(surname_readings(word))
    # Masculine "Трубецкой" is rarer than feminine "Островской" (of "Островская").
    rare = ("nomn-rare",) if case_hint != "nomn" else ()
    order = ((case_hint,) if case_hint else ()) + ("nomn-rare",) * (case_hint == "nomn")
    order += _CASE_ORDER + rare
    for case in order:
        for reading in readings:
            if case in reading.cases:
                return reading.nominative
    return word


# --- public helpers -----------------------------------------------------------------------

_PERSON_FORMS = (
    re.compile(rf"^(?P<i>{_CAP}\.\s*{_CAP}\.?|{_CAP}\.)\s*(?P<s>{SURNAME})$"),
    re.compile(rf"^(?P<s>{SURNAME})\s+(?P<i>{_CAP}\.\s*{_CAP}\.?|{_CAP}\.?)$"),
)


@dataclass(frozen=True, slots=True)
class PersonParts:
    """A person string split into surname, initials and (when printed) full given names."""

    surname: str
    initials: str
    gender: str | None
    first_name: str | None = None
    patronymic: str | None = None


def _capitalise(word: str) -> str:
    if "." in word or len(word) <= 2:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def split_person(name: str) -> PersonParts | None:
    """Recognise a whole string as one person name, or return ``None``."""
    text = " ".join(name.split()).strip(" ,;.") if name else ""
    if not text:
        return None
    text = re.sub(r"(?<=[А-ЯЁ])$", ".", text)  # "Матвеев Д.М" lost its final dot to strip()
    capitalised = " ".join(_capitalise(w) for w in text.split(" "))
    for pattern in _PERSON_FORMS:
        m = pattern.match(capitalised)
        if m:
            return PersonParts(m.group("s"), _initial_letters(m.group("i")), None)
    words = capitalised.split(" ")
    if len(words) == 3 and all(_SURNAME_WORD.match(w) for w in words):
        a, b, c = words
        if (gender := _patronymic_gender(c)) is not None:
            return PersonParts(a, b[0] + c[0], gender, b, c)
        if (gender := _patronymic_gender(b)) is not None:
            return PersonParts(c, a[0] + b[0], gender, a, b)
    return None


def format_person(surname: str, initials: str) -> str:
    """«Фамилия И.О.»."""
    return f"{surname} {''.join(f'{ch}.' for ch in initials)}"


def normalize_person(name: str, case_hint: str | None = None) -> str:
    """Put a person name into «Фамилия И.О.» in the nominative, keeping the gender.

    "Д.С. Хнычевой" → "Хнычева Д.С.", "Матвееву Д.М." → "Матвеев Д.М.",
    "хнычева дарья сергеевна" → "Хнычева Д.С.". A string that is not a person is returned
    unchanged. ``case_hint`` ("datv", "gent", "ablt", "accs") resolves forms such as
    "Матвееву" (masculine dative vs feminine accusative) when the context is known.
    """
    parts = split_person(name)
    if parts is None:
        return name
    surname = nominative_surname(parts.surname, case_hint, parts.gender)
    return format_person(surname, parts.initials)


@dataclass(frozen=True, slots=True)
class NameKey:
    """A case-, ё- and initials-order-insensitive key of a person."""

    surname: str
    initials: str


def person_name_variants(name: str) -> frozenset[NameKey]:
    """Every key a person string may stand for (several when the case form is ambiguous).

    "Матвееву Д.М." gives both «матвеев дм» and «матвеева дм»; an empty set means the string
    is not recognised as a person.
    """
    parts = split_person(name)
    if parts is None:
        return frozenset()
    initials = parts.initials.lower().replace("ё", "е")
    keys = set()
    for reading in surname_readings(parts.surname):
        if parts.gender is not None and reading.gender not in (None, parts.gender):
            continue
        keys.add(NameKey(reading.nominative.lower().replace("ё", "е"), initials))
    return frozenset(keys)
