"""Who must do an assignment: addressees in the item text and «Ответственный:» labels."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from protocols.deadlines import Reference, find_inline_deadline
from protocols.morph import inflect_parse, is_infinitive, parses
from protocols.names import PersonMention, find_persons, format_person, nominative_surname
from protocols.text import collapse, strip_final_stop

#: A Telegram mention: "@nikitina" (5–32 letters, digits and underscores, a letter first).
MENTION = re.compile(r"@(?<![\w@]@)[A-Za-z][A-Za-z0-9_]{4,31}(?![\w@])")
_WORD = re.compile(rf"[А-ЯЁа-яёA-Za-z0-9]+(?:-[А-ЯЁа-яёA-Za-z0-9]+)*|{MENTION.pattern}")
#: Verbs that introduce an addressee and are not themselves the action.
_LEAD_VERBS = {
    "рекомендовать": "datv",
    "предложить": "datv",
    "поручить": "datv",
    "просить": "accs",
    "обязать": "accs",
    "рекомендуется": "datv",
}
RECOMMENDATION_VERBS = frozenset({"рекомендовать", "предложить", "рекомендуется"})
_PREPOSITIONS = frozenset(
    {
        "по", "в", "во", "с", "со", "для", "на", "при", "после", "до", "от", "из", "за", "к",
        "о", "об", "у", "в целях", "согласно", "учитывая", "с целью", "в рамках",
        "по итогам", "по результатам",
    }
)  # fmt: skip
#: Head nouns of organisations, which may be inanimate but still act.
_ORGANISATION_HEADS = frozenset(
    {
        "департамент", "министерство", "управление", "комитет", "администрация", "отдел",
        "учреждение", "организация", "группа", "служба", "центр", "совет", "дирекция",
        "агентство", "инспекция", "фонд", "колледж", "техникум", "университет", "институт",
        "академия", "школа", "кластер", "компания", "предприятие", "общество", "палата",
        "союз", "ассоциация", "объединение", "правительство", "аппарат", "сектор", "бюро",
        "комиссия", "штаб", "филиал", "корпорация", "орган", "секретариат", "оргкомитет",
        "образование", "округ", "район", "поселение", "лицей", "гимназия", "училище",
    }
)  # fmt: skip
_MAX_SEGMENT = 1500
_NOT_ACTION = frozenset({"являться", "быть", "стать"})


@dataclass(frozen=True, slots=True)
class Addressee:
    """The doer part of an item's sentence."""

    responsible: tuple[str, ...]
    recommendation: bool
    action_start: int  # index of the action verb in the text, -1 when none was found
    lead_verb: str | None


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _is_abbreviation(word: str) -> bool:
    """ "ОГБПОУ", "СмолАПО", "МЧС" — but not "ИКТ-компаний"."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2 or not word[:1].isupper() or sum(ch.isupper() for ch in letters) < 2:
        return False
    return not any(part and part.islower() for part in word.split("-"))


def _has_case(word: str, case: str, pos: tuple[str, ...] = ("NOUN", "ADJF", "PRTF")) -> bool:
    return any(p.tag.POS in pos and p.tag.case == case for p in parses(word))


_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})


def _is_function_word(word: str) -> bool:
    """ "по", "и", "за": their rare noun readings (abbreviations) are not heads."""
    found = parses(word)
    return bool(found) and found[0].tag.POS in _FUNCTION_WORDS


def _substantive(word: str, case: str, before_preposition: bool) -> object | None:
    """The parse of an adjective or participle used as a noun ("Заведующим", "Дежурному");
    one the dictionary does not mark so counts before its prepositional complement
    ("Уполномоченному по правам ребёнка", "Ответственному за охрану труда"). A person is
    masculine or feminine: "уполномоченному" is not the neuter."""
    found = [
        p
        for p in parses(word)
        if p.tag.POS in ("ADJF", "PRTF")
        and p.tag.case == case
        and ("Subx" in p.tag or before_preposition)
    ]
    if not found:
        return None
    best: object = next((p for p in found if p.tag.gender != "neut"), found[0])
    return best


def _first_noun(words: list[str], case: str) -> tuple[int, object] | None:
    """Index and parse of the first noun of a phrase in ``case`` (adjectives may precede it).

    A word that reads both ways is an adjective before a noun of the same case ("Главному
    врачу", "старшему методисту"); a participle used as a noun heads its phrase when no noun
    follows ("Заведующим отделениями", "заведующей библиотекой")."""
    for index, word in enumerate(words[:4]):
        noun = next((p for p in parses(word) if p.tag.POS == "NOUN" and p.tag.case == case), None)
        if noun is not None and _is_function_word(word):
            noun = None
        adjective = _has_case(word, case, ("ADJF", "PRTF"))
        following = words[index + 1] if index + 1 < len(words) else ""
        if noun is not None:
            if not (adjective and following and _has_case(following, case, ("NOUN",))):
                return index, noun
            continue  # an adjective before its noun
        if not adjective:
            return None
        if not (following and _has_case(following, case)) or _is_function_word(following):
            before_preposition = (
                index == 0
                and bool(following)
                and bool(found := parses(following))
                and found[0].tag.POS == "PREP"
            )
            substantive = _substantive(word, case, before_preposition)
            if substantive is not None:
                return index, substantive
    return None


def starts_new_addressee(piece: str, case: str) -> bool:
    """Whether a comma/«и» separated piece names a new doer (a dative head noun, an org)."""
    words = [m.group(0) for m in _words(piece)]
    if not words:
        return False
    if _is_abbreviation(words[0]):
        return True
    found = _first_noun(words, case)
    if found is None:
        return False
    _, p = found
    lemma = getattr(p, "normal_form", "")
    return "anim" in p.tag or lemma in _ORGANISATION_HEADS  # type: ignore[attr-defined]


def _match_shape(word: str, template: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


#: Where the dictionary's first plural is not the one in use ("учители" are mentors).
_PLURAL_USAGE = {"учители": "учителя"}
_USUAL_PLURAL = re.compile(rf"(?<![а-яё])(?:{'|'.join(_PLURAL_USAGE)})(?![а-яё])", re.IGNORECASE)


def to_nominative(phrase: str, case: str) -> str:
    """Put the head of a group phrase into the nominative, leaving its complements as printed.

    "Участникам Координационного совета" → "участники Координационного совета" (generic
    animate groups are lower-cased); abbreviations ("ОГБПОУ СмолАПО") stay unchanged.
    """
    phrase = collapse(phrase)
    apposition = re.match(r"^(?P<head>[^–—«(]+?)\s+(?P<dash>[–—])\s+(?P<tail>[^–—]+)$", phrase)
    if apposition is not None:
        # "предприятиям – участникам кластера": the apposition is in the same case.
        head, tail = apposition.group("head"), apposition.group("tail")
        tail_words = [m.group(0) for m in _words(tail)]
        if tail_words and _first_noun(tail_words[:1], case) is not None:
            return (
                f"{to_nominative(head, case)} {apposition.group('dash')} "
                f"{to_nominative(tail, case)}"
            )
    matches = _words(phrase)
    if not matches or _is_abbreviation(matches[0].group(0)):
        return phrase
    words = [m.group(0) for m in matches]
    found = _first_noun(words, case)
    if found is None:
        return phrase
    head_index, head = found
    number = "plur" if "plur" in head.tag else "sing"  # type: ignore[attr-defined]
    gender = head.tag.gender  # type: ignore[attr-defined]
    replaced: list[tuple[re.Match[str], str]] = []
    for index in range(head_index + 1):
        word = words[index]
        if index == head_index:
            target = head.inflect({"nomn", number})  # type: ignore[attr-defined]
        else:
            target = None
            for p in parses(word):
                if p.tag.POS not in ("ADJF", "PRTF") or p.tag.case != case:
                    continue
                if p.tag.number != number or (number == "sing" and p.tag.gender != gender):
                    continue
                wanted = {"nomn", number} | ({gender} if number == "sing" else set())
                target = inflect_parse(p, wanted)
                break
        if target is None:
            return phrase
        replaced.append((matches[index], str(target.word)))
    # "центру (кластеру) на базе ...": a bracketed second name of the head, in its case.
    after_head = matches[head_index].end()
    alias = re.match(r"\s*\(\s*([А-ЯЁа-яё-]+)\s*\)", phrase[after_head:])
    if alias is not None:
        for p in parses(alias.group(1)):
            if p.tag.POS == "NOUN" and p.tag.case == case and p.tag.number == number:
                target = p.inflect({"nomn", number})
                found_alias = re.compile(re.escape(alias.group(1))).search(phrase, after_head)
                if target is not None and found_alias is not None:
                    replaced.append((found_alias, str(target.word)))
                break
    replaced.extend(_agreeing_clause(phrase, matches, head_index, case, number, gender))
    # Generic groups are lower-cased ("участники совета", "педагоги-психологи", "заведующие
    # отделениями"); a surname alone is not, nor an adjective the dictionary does not know as
    # a noun ("Уполномоченный по правам ребёнка", a title).
    tag = head.tag  # type: ignore[attr-defined]
    animate = "Subx" in tag or (
        "anim" in tag and "Surn" not in tag and _is_known(head, words[head_index])
    )
    out = phrase
    for match, new in reversed(replaced):
        shaped = _match_shape(new, match.group(0))
        out = out[: match.start()] + shaped + out[match.end() :]
    if animate and replaced and not _is_abbreviation(words[0]):
        out = out[:1].lower() + out[1:]
    return _USUAL_PLURAL.sub(
        lambda m: _match_shape(_PLURAL_USAGE[m.group(0).lower()], m.group(0)), out
    )


def _is_known(parse: object, word: str) -> bool:
    """Whether the dictionary knows a word, a hyphenated one by its parts ("педагогам-
    психологам")."""
    if parse.is_known:  # type: ignore[attr-defined]
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(any(p.is_known for p in parses(part)) for part in parts)


def _agreeing_clause(
    phrase: str,
    matches: list[re.Match[str]],
    head_index: int,
    case: str,
    number: str,
    gender: str | None,
) -> list[tuple[re.Match[str], str]]:
    """A participle after a comma that agrees with the head goes into the nominative with it:
    "руководителям, имеющим задолженность" → "руководители, имеющие задолженность",
    "директорам, не представившим отчёты" → "директора, не представившие отчёты"."""
    if "," not in phrase[matches[head_index].end() :]:
        return []
    for index in range(head_index + 1, len(matches)):
        if "," not in phrase[matches[index - 1].end() : matches[index].start()]:
            continue
        if matches[index].group(0).lower() == "не" and index + 1 < len(matches):
            index += 1
        word = matches[index].group(0)
        following = matches[index + 1].group(0) if index + 1 < len(matches) else ""
        if (
            following
            and _has_case(following, case, ("NOUN",))
            and not _is_function_word(following)
        ):
            return []  # "..., классным руководителям": an adjective before a new addressee
        for p in parses(word):
            if p.tag.POS not in ("ADJF", "PRTF") or p.tag.case != case:
                continue
            if p.tag.number != number or (number == "sing" and p.tag.gender != gender):
                continue
            grammemes = {"nomn", number} | ({gender} if number == "sing" and gender else set())
            target = inflect_parse(p, grammemes)
            return [(matches[index], str(target.word))] if target is not None else []
        return []
    return []


def _named(persons: Iterable[PersonMention], case: str | None = None) -> list[str]:
    """ "Фамилия И.О." of each mention, the surname put into the nominative from `case`."""
    return [
        format_person(nominative_surname(p.surname, case, p.gender), p.initials) for p in persons
    ]


def persons_named(text: str, case: str | None = None) -> list[str]:
    """Every person a text names, as "Фамилия И.О." in the nominative from ``case``."""
    return _named(find_persons(text), case)


def _split_top_level(text: str) -> list[tuple[str, str]]:
    """Split on ",", ";" and " и " outside brackets and quotes: (separator, piece) pairs."""
    pieces: list[tuple[str, str]] = []
    depth, quote, start, sep = 0, 0, 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "(«":
            depth += 1 if ch == "(" else 0
            quote += 1 if ch == "«" else 0
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "»":
            quote = max(0, quote - 1)
        elif depth == 0 and quote == 0:
            if ch in ",;":
                pieces.append((sep, text[start:i]))
                sep, start = ch, i + 1
            elif text.startswith(" и ", i):
                pieces.append((sep, text[start:i]))
                sep, start = " и", i + 3
                i += 2
        i += 1
    pieces.append((sep, text[start:]))
    return [(s, p.strip()) for s, p in pieces if p.strip()]


def _drop_definitions(text: str) -> str:
    return re.sub(r"\s*\(\s*далее\s*[-–—]?\s*[^()]*\)", "", text, flags=re.IGNORECASE)


_TAKING_PART = re.compile(r",?\s+(?:с\s+участием|при\s+участии)\s+", re.IGNORECASE)


def split_doers(segment: str, case: str) -> list[str]:
    """Turn an addressee segment ("Д.С. Хнычевой, заместителю ..., и Иванову И.И.") into doers."""
    segment = _drop_definitions(collapse(segment)).strip(" ,;:")
    if not segment:
        return []
    entries: list[str] = []
    co_parts = re.split(r",?\s+совместно\s+со?\s+", segment, flags=re.IGNORECASE)
    main, co_executors = co_parts[0], co_parts[1:]
    # "Минпросвещения России (С.С. Кравцов) с участием заинтересованных органов": those
    # taking part are co-executors as well, named in the genitive.
    taking_part = _TAKING_PART.split(main)
    main, participants = taking_part[0], taking_part[1:]
    also_parts = re.split(r",?\s+а\s+также\s+", main, flags=re.IGNORECASE)
    main = also_parts[0]
    entries.extend(_doers_of(main, case))
    head_word = _head_noun(main, case)
    for extra in also_parts[1:]:
        words = [m.group(0) for m in _words(extra)]
        if (
            head_word
            and words
            and not starts_new_addressee(extra, case)
            and not find_persons(extra)
        ):
            nominative_head = to_nominative(head_word, case)
            entries.append(f"{nominative_head} {collapse(extra).strip(' ,;')}")
        else:
            entries.extend(_doers_of(extra, case))
    for co in co_executors:
        entries.extend(_doers_of(co, "ablt"))
    for participant in participants:
        entries.extend(_doers_of(participant, "gent"))
    return [e for e in entries if e]


def _head_noun(phrase: str, case: str) -> str | None:
    words = [m.group(0) for m in _words(phrase)]
    found = _first_noun(words, case)
    if found is None:
        return None
    index, _ = found
    following = words[index + 1] if index + 1 < len(words) else ""
    # Only a head followed by a genitive complement ("руководителям организаций") is shared.
    if following and _has_case(following, "gent"):
        return words[index]
    return None


_PERSON_BRACKET = re.compile(
    r"\s*\((?:[^()]*?\s)?[А-ЯЁ]\.\s?[А-ЯЁ]\.?\s?[А-ЯЁ][а-яё]+\)|"
    r"\s*\((?:[^()]*?\s)?[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.?\)"
)


def _doers_of(text: str, case: str) -> list[str]:
    entries: list[str] = []
    current: list[str] = []
    current_is_person = False
    skipping_apposition = False

    def flush() -> None:
        nonlocal current
        if current:
            phrase = collapse(" ".join(current)).strip(" ,;")
            phrase = re.sub(r"\s+,", ",", phrase)
            if phrase:
                entries.append(to_nominative(phrase, case))
        current = []

    for sep, raw_piece in _split_top_level(text):
        # "Минпромторгу России (Иванову А.А.)": the bracket names the official of the body,
        # who comes after it (the one the bot can reach).
        if MENTION.fullmatch(raw_piece):
            # "@nikitina и @petrov_a": a Telegram user names one doer.
            flush()
            entries.append(raw_piece)
            current_is_person, skipping_apposition = True, False
            continue
        bare = _PERSON_BRACKET.sub("", raw_piece).strip()
        officials = find_persons(raw_piece[len(bare) :]) if bare and bare != raw_piece else []
        piece = bare or raw_piece
        persons = find_persons(piece)
        if persons:
            flush()
            entries.extend(_named(persons, case))
            current_is_person, skipping_apposition = True, False
            continue
        if officials:
            if current and starts_new_addressee(piece, case):
                flush()
            if not current and _position_of_officials(piece, case):
                # "Секретарю совета (Лебедева Н.С.)", "Заведующим отделениями (Руденко А.А.,
                # Мельник О.В.)": the persons, without their position.
                entries.extend(_named(officials, case))
                current_is_person, skipping_apposition = True, False
                continue
            if not current:
                current = [piece]
            else:
                current.append(f"{sep} {piece}".strip() if sep != "," else f", {piece}")
            flush()
            entries.extend(_named(officials, case))
            current_is_person, skipping_apposition = True, False
            continue
        if not current and not entries:
            current = [piece]
            current_is_person = False
            continue
        if starts_new_addressee(piece, case):
            if current_is_person and piece[:1].islower() and not _plural_group(piece, case):
                # "Д.С. Хнычевой, заместителю ...": the person's position.
                skipping_apposition = True
                continue
            flush()
            current, current_is_person, skipping_apposition = [piece], False, False
            continue
        if skipping_apposition or current_is_person:
            continue
        current.append(f"{sep} {piece}".strip() if sep != "," else f", {piece}")
    flush()
    return entries


def _position_of_officials(piece: str, case: str) -> bool:
    """Whether a piece before a bracketed person names the person's position ("Секретарю
    совета", "директору колледжа"), not a body the person heads ("Отделу образования
    (Петрова А.В.)") or a group of which the persons are named ("Специалистам управления
    (Кузнецова Т.В., Морозов Д.А.)", kept as a doer)."""
    words = [m.group(0) for m in _words(piece)]
    if not words or _is_abbreviation(words[0]):
        return False
    found = _first_noun(words, case)
    if found is None:
        return False
    tag = found[1].tag  # type: ignore[attr-defined]
    return tag.number == "sing" and ("anim" in tag or "Subx" in tag) and "Surn" not in tag


def _plural_group(piece: str, case: str) -> bool:
    """Whether a piece after a person names a group in the plural ("..., классным
    руководителям 9-х классов"), not the person's position ("..., заместителю директора")."""
    found = _first_noun([m.group(0) for m in _words(piece)], case)
    return found is not None and found[1].tag.number == "plur"  # type: ignore[attr-defined]


def _strip_trailing_parenthesis(segment: str) -> str:
    """Drop a qualifier after the addressee ("(участников заседания)"), but not a bracket
    naming the body's official ("(Иванов А.А.)"): that is a doer."""
    found = re.search(r"\s*\([^()]*\)\s*[,;]?\s*$", segment)
    if found is None or _PERSON_BRACKET.match(found.group(0).rstrip(" ,;")):
        return segment
    return segment[: found.start()]


#: "Возложить на Никитину С.О. ответственность за ...": the doers stand between "на" and what
#: is laid on them.
_LAY_ON = re.compile(
    r"^\s*возложить\s+на\s+(?P<who>.+?)\s+(?:персональн\w+\s+)?(?:ответственност\w*|"
    r"обязанност\w*|функци\w*|контрол\w*|координаци\w*|организаци\w*|исполнени\w*|"
    r"полномочи\w*|руководств\w*)(?![а-яё])",
    re.IGNORECASE,
)


def find_addressee(sentence: str) -> Addressee:
    """Find the doers and the action verb of an item's first sentence.

    Handles «Поручить Д.С. Хнычевой, заместителю ..., подготовить ...», «Рекомендовать
    руководителям ... направить ...», dative addressees («Участникам ... внести ...»,
    «ОГБПОУ СмолАПО разработать ...») and impersonal items («Направить Губернатору ...»).
    """
    words = _words(sentence)
    if not words:
        return Addressee((), False, -1, None)
    laid = _LAY_ON.match(sentence)
    if laid is not None:
        doers = tuple(dict.fromkeys(split_doers(laid.group("who"), "accs")))
        return Addressee(doers, False, words[0].start(), "возложить")
    lead = words[0].group(0).lower()
    case = "datv"
    recommendation = False
    body_start = 0
    lead_verb: str | None = None
    if lead in _LEAD_VERBS:
        lead_verb = lead
        case = _LEAD_VERBS[lead]
        recommendation = lead in RECOMMENDATION_VERBS
        body_start = 1
    action = -1
    for index in range(body_start, len(words)):
        word = words[index].group(0)
        if word[:1].isupper() and index > body_start and _is_abbreviation(word):
            continue
        if is_infinitive(word) and word.lower() not in _NOT_ACTION:
            action = index
            break
    if action < 0:
        # "Рекомендовать руководителям ...:" / "Инициаторам ...:" — the sub-items hold the verbs.
        if lead_verb is not None or sentence.rstrip().endswith(":"):
            start = words[body_start].start() if body_start < len(words) else len(sentence)
            segment = sentence[start:][:_MAX_SEGMENT].strip().rstrip(":").strip(" ,")
            segment = _trim_adverbials(segment)
            segment = _skip_circumstances(_strip_trailing_parenthesis(segment), case)
            doers = tuple(dict.fromkeys(split_doers(segment, case))) if segment else ()
            return Addressee(doers, recommendation, -1, lead_verb)
        return Addressee((), recommendation, -1, lead_verb)
    verb = words[action].group(0).lower()
    if verb in RECOMMENDATION_VERBS and lead_verb is None:
        # "Департаменту рекомендовать ..." — the addressee precedes the lead verb.
        recommendation = True
    segment_start = words[body_start].start() if body_start < len(words) else 0
    segment = sentence[segment_start : words[action].start()]
    if action == body_start:
        return Addressee((), recommendation, words[action].start(), lead_verb)
    segment = segment[-_MAX_SEGMENT:]  # real addressees are short; bounds the work on junk
    segment = _strip_trailing_parenthesis(_trim_adverbials(segment).strip(" ,–—"))
    segment = _skip_circumstances(segment, case)
    doers = tuple(dict.fromkeys(split_doers(segment, case))) if segment else ()
    return Addressee(doers, recommendation, words[action].start(), lead_verb)


def _trim_adverbials(segment: str) -> str:
    """Cut deadline words and trailing adverbs ("ежемесячно", "в срок до ...") off a segment."""
    inline = find_inline_deadline(segment, Reference(None))
    if inline is not None:
        # "... в срок не позднее 10 рабочих дней": the deadline starts at "не позднее".
        segment = re.sub(r"[\s,]+в\s+срок\s*$", "", segment[: inline.start])
    words = _words(segment)
    while words:
        last = words[-1].group(0)
        found = parses(last)
        if last[:1].isupper() or not found or found[0].tag.POS not in ("ADVB", "PRCL", "CONJ"):
            break
        segment = segment[: words[-1].start()]
        words.pop()
    return segment.rstrip(" ,;")


def _skip_circumstances(segment: str, case: str) -> str:
    """Drop a leading adverbial phrase ("По итогам анализа ..., ") before the addressee."""
    first = _words(segment)
    if not first:
        return ""
    word = first[0].group(0).lower()
    if word not in _PREPOSITIONS and not (
        len(first) > 1 and f"{word} {first[1].group(0).lower()}" in _PREPOSITIONS
    ):
        if _is_abbreviation(first[0].group(0)) or find_persons(segment):
            return segment
        if MENTION.match(first[0].group(0)):
            return segment
        if _first_noun([m.group(0) for m in first], case) is not None:
            return segment
        return ""
    pieces = _split_top_level(segment)
    for index, (_, piece) in enumerate(pieces):
        if index and (starts_new_addressee(piece, case) or find_persons(piece)):
            return ", ".join(p for _, p in pieces[index:])
    return ""


def split_label_value(value: str) -> list[str]:
    """Doers listed after «Ответственный:» / «Исполнители:» (already in the nominative), in
    order: persons (a position before a name is dropped), bodies with their official in
    brackets, groups ("классные руководители выпускных групп")."""
    value = strip_final_stop(_drop_definitions(collapse(value)))
    if not value:
        return []
    entries: list[str] = []
    for sep, piece in _split_top_level(value):
        # "... по образованию и науке" is one body; "Матвеев Д.М. и Хнычева Д.С." two people.
        if sep == " и" and entries and not (find_persons(piece) and find_persons(entries[-1])):
            entries[-1] = f"{entries[-1]} и {piece}"
        elif sep == "," and entries and not find_persons(entries[-1]) and _continues_entry(piece):
            entries[-1] = f"{entries[-1]}, {piece}"
        else:
            entries.append(piece)
    out: list[str] = []
    after_person = False
    for entry in entries:
        entry = strip_final_stop(entry.strip(" ,;.–—-"))
        persons = find_persons(entry)
        if not persons:
            # "Дёмин В.Ю., директор МБОУ СОШ № 3": the position after a name is dropped.
            if entry and not (after_person and _is_position(entry)):
                out.append(entry)
            after_person = False
            continue
        after_person = True
        rest = entry
        for person in reversed(persons):
            rest = rest[: person.start] + "\x00" + rest[person.end :]
        body = collapse(re.sub(r"\(\s*\x00\s*\)", "", rest).replace("\x00", " "))
        body = re.sub(r"^и\s+|\s+и$", "", body.strip(" ,;.–—-()"))
        if body and body != "и" and not _is_position(body):
            out.append(body)
        out.extend(_named(persons))
    return out


def split_organisers(cell: str) -> list[str]:
    """Entries of a plan's «Организаторы/участники» cell: split on sentences and semicolons."""
    cell = collapse(cell)
    if not cell:
        return []
    pieces = re.split(r"(?<![А-ЯЁ])(?<!\b[а-яё])\.\s+(?=[А-ЯЁ«])|\s*;\s*|\s*\n\s*", cell)
    for index in range(len(pieces) - 1):
        # "Заместитель директора по ВР; Соколова Е.Н.": a position, then the person holding
        # it (a cell's two paragraphs).
        following = find_persons(pieces[index + 1])
        if (
            following
            and following[0].start == 0
            and not find_persons(pieces[index])
            and _is_position(pieces[index].strip())
        ):
            pieces[index + 1] = f"{pieces[index]} {pieces[index + 1]}"
            pieces[index] = ""
    out: list[str] = []
    for piece in pieces:
        piece = strip_final_stop(_drop_definitions(piece)).strip()
        if not piece:
            continue
        persons = find_persons(piece)
        rest = piece
        for person in reversed(persons):
            rest = rest[: person.start] + rest[person.end :]
        rest = collapse(rest).strip(" ,;.–—-()")
        if persons and (
            sum(p.end - p.start for p in persons) >= len(piece) * 0.6 or _is_position(rest)
        ):
            # A person, or a person with their position ("Секретарь рабочей группы Юдина
            # М.А."): positions are dropped.
            out.extend(_named(persons))
        elif persons:
            # "Управление образования (Сафонова Т.А.)", "Ковалёв Д.И., руководители практики":
            # bodies, groups and persons, as a label line gives them.
            out.extend(split_label_value(piece))
        else:
            out.append(piece)
    return out


_POSITION = re.compile(
    r"^(?:председател|заместител|секретар|директор|руководител|начальник|заведующ|специалист|"
    r"методист|консультант|советник|помощник|инспектор|главн|ведущ|старш|член|министр|ректор|"
    r"проректор|декан|преподавател|мастер|куратор|координатор|зам|зав\.|завуч|завхоз|педагог|"
    r"учител|воспитател|"
    r"инженер|психолог|логопед|дефектолог|социальн|библиотекар|лаборант|тьютор|бухгалтер|"
    r"юрисконсульт|программист|документовед|делопроизводител|экономист|менеджер|эксперт|"
    r"инструктор|врач|фельдшер|исполняющ|ответственн|доцент|профессор|ассистент|тренер|"
    r"комендант|вожат|медсестр|концертмейстер|и\.\s?о\.)\w*(?![а-яё])",
    re.IGNORECASE,
)


def names_position(text: str) -> bool:
    """Whether a text starts with a position, one's or a group's ("Педагог-психолог",
    "Кураторы групп"), maybe after an adjective ("Классные руководители")."""
    if _POSITION.match(text):
        return True
    second = re.match(r"^[А-ЯЁа-яё-]+\s+(?P<rest>\S.*)$", text)
    return second is not None and _POSITION.match(second.group("rest")) is not None


def _is_position(text: str) -> bool:
    """Whether a text is the position of one person ("директор МБОУ СОШ № 3", "зам.
    директора по УВР"), not a group of doers in the plural ("руководители практики",
    "кураторы групп", "члены рабочей группы")."""
    m = _POSITION.match(text)
    if m is None:
        return False
    return not any(
        p.tag.POS == "NOUN" and p.tag.number == "plur" and p.tag.case == "nomn"
        for p in parses(m.group(0))[:1]
    )


#: A participle that goes on with the entry before it: "органы местного самоуправления,
#: осуществляющие управление в сфере образования", "организации, не представившие отчёты".
_CLAUSE_START = re.compile(r"^(?:не\s+)?(?P<word>[а-яё]+)")


def _continues_entry(piece: str) -> bool:
    """Whether a comma-separated piece of a label value goes on with the entry before it: a
    participle clause (not a new doer: "обучающиеся 9-х классов" is a group), or the next
    number of an enumeration ("классные руководители 9-х, 11-х классов")."""
    if piece[:1].isdigit():
        return True
    m = _CLAUSE_START.match(piece)
    if m is None:
        return False
    found = parses(m.group("word"))
    return bool(found) and found[0].tag.POS == "PRTF" and "Subx" not in found[0].tag


_TRAILING_GROUP = re.compile(r"(?:\(([^()]+)\)|\s[–—-]\s+([^–—()]+))\s*[.;]?\s*$")


def trailing_doers(text: str) -> tuple[str, ...]:
    """Persons printed after the task: "Подготовить отчёт (Иванов И.И., Петров П.П.).", or
    positions in brackets: "Провести взаимопосещение уроков (все члены МО)"."""
    m = _TRAILING_GROUP.search(text)
    if m is None:
        return ()
    body = m.group(1) or m.group(2) or ""
    persons = find_persons(body)
    covered = sum(p.end - p.start for p in persons)
    if persons and covered >= len(body.strip(" .,;")) * 0.6:
        return tuple(_named(persons))
    if m.group(1) and names_position(re.sub(r"^вс[еи]\s+", "", body.strip(), flags=re.I)):
        # "(все члены МО)", "(классные руководители)", "(зам. директора по УВР Иванова И.И.)".
        return tuple(split_label_value(body))
    return ()


#: A doer label word typed without a colon: "отв.", "отв", "исп.", "ответственный:",
#: "Исполнитель –" (the long words only before a capital or the end: "ответственный за ..."
#: is task text).
_DOER_LABEL = (
    r"(?<![А-ЯЁа-яё])(?:(?i:ответственн\w*|исполнител\w*)\s*[:–—-]?\s*(?=[А-ЯЁ@]|$)"
    r"|(?i:отв|исп)(?:\.|(?![а-яё]))\s*[:–—-]?\s*)"
)
#: The label word left before doers cut off the end: "..., отв. | Гусева Е.П.".
_TRAILING_LABEL_WORD = re.compile(rf"[\s,;]*{_DOER_LABEL}$")
#: A label and its doers at the end: "сдать табели отв. Петрова", "... отв завхоз",
#: "..., исп. @nikitina".
_TRAILING_DOER = re.compile(rf"[\s,;]+{_DOER_LABEL}(?P<who>[А-ЯЁа-яё@][^,;:]*?)\s*[.]?\s*$")
#: Doers after a dash at the end: "Подготовить отчёт до 10.12 — Никитина", "... – @nikitina".
_TRAILING_DASH = re.compile(r"\s[–—-]\s*(?P<who>[А-ЯЁа-яё@][^–—]*?)\s*[.]?\s*$")
#: Telegram users at the end, after the task: "Подготовить отчёт до 10.12 @nikitina".
_TRAILING_MENTIONS = re.compile(
    rf"[\s,;]*(?P<who>{MENTION.pattern}(?:\s*(?:,|\bи\b)?\s*{MENTION.pattern})*)[\s.]*$"
)


def _bare_doer(piece: str) -> str | None:
    """One doer typed after a dash: a person ("Никитина С.О."), a Telegram user, a surname
    alone ("Никитина") or a single word for a position ("завхоз"); None for anything else."""
    if MENTION.fullmatch(piece):
        return piece
    persons = find_persons(piece)
    if len(persons) == 1 and persons[0].start == 0 and persons[0].end == len(piece):
        person = persons[0]
        return format_person(nominative_surname(person.surname, None), person.initials)
    if not re.fullmatch(r"[А-ЯЁа-яё]+(?:-[А-ЯЁ][а-яё]+)?", piece):
        return None
    readings = parses(piece)
    if piece[:1].isupper():
        surname = any("Surn" in p.tag for p in readings) or not any(p.is_known for p in readings)
        return piece if surname else None
    position = any(
        p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.case == "nomn" for p in readings[:1]
    )
    return piece if position else None


def _dash_doers(who: str) -> list[str]:
    """The doers of a dash tail ("Никитина, Петров П.П. и @ivanov"), or [] when any part of
    it is not a doer (then the dash belongs to the task text)."""
    doers: list[str] = []
    for piece in re.split(r"\s*,\s*|\s+и\s+", who.strip()):
        doer = _bare_doer(piece)
        if doer is None:
            return []
        doers.append(doer)
    return doers


#: Doers in brackets at the end: "Подготовить отчёт до пт (Петрова А.А.)", "(@petrova)".
_TRAILING_BRACKET = re.compile(r"\s*\((?P<who>[^()]+)\)\s*[.;]?\s*$")


def _bracket_doers(who: str) -> list[str]:
    """The doers in a closing bracket: persons ("Петрова А.А., Иванов И.И."), Telegram users
    or surnames the dictionary knows as such ("Петрова"); [] for anything else ("(Сферум)",
    "(по согласованию)")."""
    if persons := trailing_doers(f"({who})"):
        return list(persons)
    doers: list[str] = []
    for piece in re.split(r"\s*,\s*|\s+и\s+", who.strip(" .;")):
        known_surname = piece[:1].isupper() and any("Surn" in p.tag for p in parses(piece))
        if not (MENTION.fullmatch(piece) or known_surname):
            return []
        doers.append(piece)
    return doers


def cut_trailing_doers(body: str, bare_persons: bool = True) -> tuple[str, list[str]]:
    """Doers typed at the end of a message without a «Ответственный:» label, and the body
    without them: "..., отв. Гусева Е.П.", "... отв завхоз", "... — Никитина", "... @nikitina";
    with ``bare_persons``, also a person named last with nothing before it ("... Гусева Е.П.",
    which in a protocol's sentence may be a recipient).
    """
    if (bracket := _TRAILING_BRACKET.search(body)) is not None and (
        doers := _bracket_doers(bracket.group("who"))
    ):
        return body[: bracket.start()], doers
    if (tail := _TRAILING_DOER.search(body)) is not None:
        return body[: tail.start()], split_label_value(tail.group("who"))
    if (dash := _TRAILING_DASH.search(body)) is not None and (doers := _dash_doers(dash["who"])):
        return body[: dash.start()], doers
    if "@" in body and (mentions := _TRAILING_MENTIONS.search(body)) is not None:
        doers = MENTION.findall(mentions.group("who"))
        return _TRAILING_LABEL_WORD.sub("", body[: mentions.start()]), doers
    persons = find_persons(body) if bare_persons else []
    if persons and not body[persons[-1].end :].strip(" .,;"):
        last = persons[-1]
        # "..., отв. Гусева Е.П.": the label word goes with the name.
        doer = format_person(nominative_surname(last.surname, None), last.initials)
        return _TRAILING_LABEL_WORD.sub("", body[: last.start]), [doer]
    return body, []
