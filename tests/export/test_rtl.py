"""Arabic, Persian and Hebrew print shaped (joined letter forms) and right to left.

A briefing with an Arabic actor and quote (the quote also in a source), a Persian
state and a Hebrew person, inside English sentences and as whole paragraphs with
Latin words and digits inside; read back with pdftotext (text, and word boxes).
pdftotext reports each right-to-left word's glyphs in visual order and Arabic
joined forms as presentation forms (U+FB50–U+FEFF), so both shaping and placing
can be checked: unshaped text extracts as isolated base letters, and words set
left to right extract in the wrong order.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

import pytest

from briefing_app.core.briefing.model import Actor, Evidence, Quote
from briefing_app.export.bidi import reorder, word_levels
from briefing_app.export.builder import BriefOptions, build_brief

from .factory import make_briefing
from .pdftools import flat, pages_text
from .test_layout import page_words

MBS = "محمد بن سلمان"
IRAN = "جمهوری اسلامی ایران"
BIBI = "בנימין נתניהו"
QUOTE = "إن رؤية 2030 مهمة لحلف NATO والشرق الأوسط"
SENTENCE = f"Talks with {MBS} and {BIBI} on Monday; the {IRAN} objected"
ARABIC_BLUF = f"قال {MBS} إن رؤية 2030 مهمة لحلف NATO"
HEBREW_NOTE = "ראש ממשלת ישראל מאז 2022 נפגש עם NATO"
_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def rtl_briefing(bluf: str = SENTENCE):
    b = make_briefing("x")
    src = dataclasses.replace(b.sources[0], text=b.sources[0].text + f" قال {MBS}: {QUOTE}.")
    actors = (*b.actors,
              Actor("mbs", MBS, "person", role="ولي العهد",
                    description=f"Met NATO officials in Riyadh on 12 May 2023 ({MBS})."),
              Actor("iran", IRAN, "state"),
              Actor("bibi", BIBI, "person", description=HEBREW_NOTE))
    quotes = (*b.quotes, Quote("q2", "mbs", QUOTE, evidence=(Evidence("s1", QUOTE),)))
    return dataclasses.replace(b, sources=(src,), actors=actors, quotes=quotes,
                               summary=dataclasses.replace(b.summary, bluf=bluf))


def _norm(text: str) -> str:
    return flat(unicodedata.normalize("NFKC", _CONTROLS.sub("", text)))


def _is_rtl(word: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in word)


def _logical(word: str) -> str:
    """A word from pdftotext -bbox (visual glyph order) as written."""
    return unicodedata.normalize("NFKC", word[::-1] if _is_rtl(word) else word)


@pytest.fixture(scope="module")
def sentence_pdf():
    return build_brief(rtl_briefing())


@pytest.fixture(scope="module")
def arabic_pdf():
    return build_brief(rtl_briefing(ARABIC_BLUF), (), BriefOptions(sections=("bluf", "actors", "quotes")))


def test_arabic_and_persian_letters_are_joined(sentence_pdf, tmp_path):
    text = " ".join(pages_text(sentence_pdf, tmp_path))
    # محمد: initial meem, medial hah, medial meem, final dal (not four isolated letters)
    assert "\ufee3\ufea4\ufee4\ufeaa" in text
    # ایران: alef, final-joining yeh (Persian yeh initial), reh, final noon
    assert "\ufbfe" in text or "\ufbfe" in unicodedata.normalize("NFC", text)
    assert "\u0645\u062d\u0645\u062f" not in text  # never the bare, unjoined letters


def test_rtl_names_inside_an_english_sentence_read_in_order(sentence_pdf, tmp_path):
    text = _norm(" ".join(pages_text(sentence_pdf, tmp_path)))
    # pdftotext leaves out the space where a right-to-left run meets the next word: compare without spaces
    assert SENTENCE.replace(" ", "") in text.replace(" ", "")
    for name in (MBS, IRAN, BIBI):
        assert name in text


def test_rtl_words_go_right_to_left_inside_a_left_to_right_line(sentence_pdf, tmp_path):
    line = next(ws for page in page_words(sentence_pdf, tmp_path) for ws in _lines(page)  # lines of one page
                if [w[4] for w in ws][:2] == ["Talks", "with"])
    x = {_logical(w[4]): w[0] for w in line}
    assert x["with"] < x["سلمان"] < x["بن"] < x["محمد"] < x["and"]  # the name: first word rightmost
    assert x["and"] < x["נתניהו"] < x["בנימין"] < x["on"]
    assert x["the"] < x["ایران"] < x["اسلامی"] < x["جمهوری"] < x["objected"]


def test_a_whole_rtl_paragraph_is_right_aligned_with_latin_and_digits_in_place(arabic_pdf, tmp_path):
    words = [w for page in page_words(arabic_pdf, tmp_path) for w in page]
    line = next(ws for ws in _lines(words) if "قال" in {_logical(w[4]) for w in ws})
    x = {_logical(w[4]): (w[0], w[2]) for w in line}
    order = ["قال", "محمد", "بن", "سلمان", "إن", "رؤية", "2030", "مهمة", "لحلف", "NATO"]
    lefts = [x[w][0] for w in order]
    assert lefts == sorted(lefts, reverse=True), order  # logical order runs right to left
    page_right = 595.2756 - 56.69  # A4 less the 20 mm margin
    assert page_right - 40 < x["قال"][1] <= page_right  # right-aligned (inside the BLUF box's padding)
    assert min(lefts) > 56.69 + 150  # a short line: not stretched from the left margin


def test_a_whole_hebrew_paragraph_and_the_arabic_quote(arabic_pdf, tmp_path):
    words = [w for page in page_words(arabic_pdf, tmp_path) for w in page]
    lines = _lines(words)
    hebrew = next(ws for ws in lines if "ראש" in {_logical(w[4]) for w in ws})
    x = {_logical(w[4]): w[0] for w in hebrew}
    order = ["ראש", "ממשלת", "ישראל", "מאז", "2022", "נפגש", "עם", "NATO"]
    assert [x[w] for w in order] == sorted((x[w] for w in order), reverse=True)
    quote = next(ws for ws in lines if "رؤية" in {_logical(w[4]).strip("“”") for w in ws}
                 and "مهمة" in {_logical(w[4]) for w in ws} and "قال" not in {_logical(w[4]) for w in ws})
    x = {_logical(w[4]).strip("“”"): w[0] for w in quote}
    order = ["إن", "رؤية", "2030", "مهمة", "لحلف", "NATO", "والشرق", "الأوسط"]
    assert [x[w] for w in order] == sorted((x[w] for w in order), reverse=True)


def test_the_arabic_quote_is_cited_from_its_source(sentence_pdf, tmp_path):
    text = _norm(" ".join(pages_text(sentence_pdf, tmp_path)))
    notes = text[text.rindex("Source notes"):]
    # The quote sits in the source's second paragraph (after its blank line).
    assert "S1 ¶2" in notes and "مهمة لحلف" in notes


def _lines(words):
    rows: list[list] = []
    for w in sorted(words, key=lambda w: w[3]):  # by baseline, then each row by x
        if rows and abs(rows[-1][0][3] - w[3]) < 2:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w[0]) for r in rows]


@pytest.mark.parametrize(("types", "rtl", "visual"), [
    (["L", "R", "R", "L"], False, [0, 2, 1, 3]),  # an RTL name inside English
    (["R", "R", "EN", "R"], True, [3, 2, 1, 0]),  # digits inside RTL: the run still reads right to left
    (["R", "L", "L", "R"], True, [3, 1, 2, 0]),  # two Latin words inside RTL keep their own order
    (["L", "R", "EN", "R", "L"], False, [0, 3, 2, 1, 4]),  # a number between RTL words in an LTR line
    (["L", "EN", "R"], False, [0, 1, 2]),  # a number after English stays with it (rule W7)
    (["R", "ON", "L"], False, [0, 1, 2]),  # neutral between R and L in an LTR paragraph: LTR
])
def test_word_order_follows_the_bidi_algorithm(types, rtl, visual):
    assert reorder(list(range(len(types))), word_levels(types, rtl)) == visual


@pytest.mark.parametrize(("text", "first", "last"), [
    (f"Met {MBS}.", "Met", "."),  # the full stop ends the English sentence, after the name
    (f"Met ({MBS}) today", "Met", "today"),
    (f"{HEBREW_NOTE} Joe Biden.", ".", None),  # in a Hebrew sentence the full stop is at its left end
])
def test_punctuation_at_a_word_edge_goes_where_the_bidi_algorithm_puts_it(text, first, last):
    from briefing_app.export.fonts import register_fonts
    from briefing_app.export.richtext import rich_paragraph
    from briefing_app.export.styles import build_styles

    register_fonts()
    p = rich_paragraph(text, build_styles()["body"])
    p.wrap(2000, 1e6)
    line = "".join(str(getattr(f, "text", "")) for f in p.blPara.lines[0].words).strip()
    assert line.startswith(first), line
    if last:
        assert line.endswith(last), line
    if "(" in text:  # brackets round the name stay brackets, in order, around it
        assert re.search(r"\(\S[^()]*\S\)", line), line


def test_timeline_chart_labels_in_arabic_are_shaped(tmp_path):
    """Graphics strings are never shaped by ReportLab: such labels are set over the chart."""
    import io

    from reportlab.platypus import SimpleDocTemplate

    from briefing_app.export.chart import timeline_drawing
    from briefing_app.export.fonts import SANS, register_fonts
    from briefing_app.export.richtext import LabelledChart

    register_fonts()
    b = make_briefing("x", events=2)
    events = (dataclasses.replace(b.timeline[0], title=f"{MBS} meets envoys"), b.timeline[1])
    overlays: list = []
    drawing = timeline_drawing(events, 480, overlays)
    assert [o[2] for o in overlays] == [f"{MBS} meets envoys"]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1).build([LabelledChart(drawing, overlays, SANS)])
    text = " ".join(pages_text(buf.getvalue(), tmp_path))
    assert "\ufee3\ufea4\ufee4\ufeaa" in text and "meets envoys" in text


def test_reproducible_with_shaping(sentence_pdf):
    assert build_brief(rtl_briefing()) == sentence_pdf


@pytest.mark.parametrize("rtl_text", [QUOTE + " العام.", HEBREW_NOTE + " בשנת 2024."])
def test_a_citation_mark_after_rtl_text_keeps_its_digits_in_order(rtl_text):
    """"[12]" glued to a right-to-left word must not be shaped with it (it would read "[21]")."""
    from briefing_app.export.fonts import register_fonts
    from briefing_app.export.richtext import Rich, rich_paragraph
    from briefing_app.export.styles import build_styles

    register_fonts()
    p = rich_paragraph(Rich().add(rtl_text).add("[12]", sup=True, href="#en-12"), build_styles()["body"])
    p.wrap(2000, 1e6)
    line = "".join(str(getattr(f, "text", "")) for f in p.blPara.lines[0].words)
    assert "[12]" in line and "21" not in line, line


def _first_line(text: str) -> str:
    """The first line of `text` set as a brief paragraph, in drawing order (left to right)."""
    from briefing_app.export.fonts import register_fonts
    from briefing_app.export.richtext import rich_paragraph
    from briefing_app.export.styles import build_styles

    register_fonts()
    p = rich_paragraph(text, build_styles()["body"])
    p.wrap(2000, 1e6)
    return "".join(str(getattr(f, "text", "")) for f in p.blPara.lines[0].words).strip()


@pytest.mark.parametrize(("text", "in_order", "never"), [
    ("נחתם ב-2023 על 12 הסכמים ו-NATO.", ["2023", "12", "NATO"], ["3202", "OTAN"]),
    ("وقع في ٢٠٢٣ على ١٢ اتفاقية.", ["٢٠٢٣", "١٢"], ["٣٢٠٢", "٢١"]),
    ("ما در ۱۴۰۳ توافق کردند.", ["۱۴۰۳"], ["۳۰۴۱"]),
    ("بلغت الميزانية 1,250.5 مليون", ["1,250.5"], ["5.052,1"]),
])
def test_numbers_and_latin_inside_rtl_words_read_left_to_right(text, in_order, never):
    """HarfBuzz sets a word starting with Hebrew or Arabic script (Arabic-Indic digits included)
    right to left as a whole; its digits and Latin letters must still read left to right."""
    line = _first_line(text)
    for part in in_order:
        assert part in line, (part, line)
    for part in never:
        assert part not in line, (part, line)


def test_a_hebrew_line_ends_with_its_full_stop_at_the_left_after_a_latin_word():
    assert _first_line("נחתם ב-2023 על 12 הסכמים ו-NATO.").startswith(".NATO-")


def test_a_persian_word_with_a_zero_width_non_joiner_stays_one_word():
    """می‌کنیم: the non-joiner comes back from shaping as the space glyph with no advance; it must
    not split the word (which scattered its halves around the full stop)."""
    word = _first_line("می\u200cکنیم.")
    line = _first_line("ما توافق می\u200cکنیم.")
    assert line.startswith(word), (word, line)  # the whole word, full stop first, at the line's left end


KJ_ARABIC = "من المرجح أن تستمر المحادثات حتى نهاية العام"
KJ_HEBREW = "סביר שהשיחות יימשכו עד סוף השנה"


@pytest.fixture(scope="module")
def cited_rtl_pdf():
    """Key points, a quote and its attribution in Arabic and Hebrew, each cited."""
    from briefing_app.core.briefing.dates import PartialDate
    from briefing_app.core.briefing.model import KeyPoint

    b = rtl_briefing()
    s2 = dataclasses.replace(b.sources[0], id="s2", text=f"x {KJ_ARABIC} {KJ_HEBREW}")
    kps = (KeyPoint("k1", KJ_ARABIC, confidence="moderate", evidence=(Evidence("s1", QUOTE), Evidence("s2", KJ_ARABIC))),
           KeyPoint("k2", KJ_HEBREW, evidence=(Evidence("s2", KJ_HEBREW),)))
    actors = (*b.actors, Actor("min", "وزير الخارجية", "person", role="وزير (Minister) 2019–2024"))
    quotes = (Quote("q3", "min", QUOTE, said_on=PartialDate(2024, 4), evidence=(Evidence("s1", QUOTE),)),)
    b = dataclasses.replace(b, sources=(*b.sources, s2), actors=actors, quotes=quotes,
                            summary=dataclasses.replace(b.summary, key_points=kps))
    return build_brief(b, (), BriefOptions(sections=("judgments", "quotes", "endnotes")))


def test_a_citation_mark_after_rtl_text_stays_whole_next_to_its_word(cited_rtl_pdf, tmp_path):
    """"[1,2]" after an Arabic judgment is one mark, drawn touching the left of the judgment's last
    word (its reading end); no lone bracket anywhere on the page."""
    words = page_words(cited_rtl_pdf, tmp_path)[0]
    texts = [w[4] for w in words]
    assert "[" not in texts and "]" not in texts and "1]" not in texts, texts
    for mark, last in (("[1,2]", "العام"), ("[3]", "השנה")):
        i = texts.index(mark)
        nxt = words[i + 1]
        assert _logical(nxt[4]) == unicodedata.normalize("NFKC", last), (mark, nxt)
        assert abs(nxt[0] - words[i][2]) < 1.0, (words[i], nxt)  # no gap: the mark is glued on


def test_brackets_and_marks_in_a_right_to_left_attribution(cited_rtl_pdf, tmp_path):
    """"وزير (Minister) 2019–2024 · April 2024[1]": the brackets pair around Minister, the mark stays after 2024."""
    line = next(li for li in pages_text(cited_rtl_pdf, tmp_path)[0].splitlines() if "Minister" in li)
    text = _norm(line)
    assert "(Minister)" in text and "2024[1]" in text, text
    assert "[1)" not in text and "Minister)" not in text.replace("(Minister)", ""), text


def test_a_bracket_pair_resolves_as_one_by_rule_n0():
    """R ( L ) EN in a right-to-left paragraph: the brackets take the paragraph's direction together."""
    types = ["R", "ON", "L", "ON", "EN"]
    assert word_levels(types, True, [(1, 3)]) == [1, 1, 2, 1, 2]
    assert word_levels(types, True) != [1, 1, 2, 1, 2]


def _word_fonts(pdf: bytes, tmp_path) -> dict[str, str]:
    """Each word of the first page and the full name of the face it is set in (pdftohtml -xml)."""
    import html
    import subprocess

    from .pdftools import need

    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run([need("pdftohtml"), "-xml", "-stdout", "-i", "-q", "-fontfullname", "-f", "1", "-l", "1",
                          str(path)], check=True, capture_output=True).stdout.decode("utf-8")
    faces = dict(re.findall(r'<fontspec id="(\d+)"[^>]*family="([^"]+)"', xml))
    out = {}
    for font, inner in re.findall(r'<text [^>]*font="(\d+)">(.*?)</text>', xml):
        for word in html.unescape(re.sub(r"<[^>]+>", "", inner)).split():
            out.setdefault(word.strip("\u201c\u201d"), faces[font])
    return out


@pytest.mark.parametrize(("text", "latin"), [
    (QUOTE, False),
    ("中国在2023年与NATO会谈", False),
    ("NATO said in 2030 that talks go on", True),
])
def test_latin_and_digits_in_a_quote_lean_only_when_the_quote_is_in_a_latin_script(text, latin, tmp_path):
    """Quotes print in italic; one in Arabic or Chinese (no italic faces) is upright throughout."""
    b = dataclasses.replace(rtl_briefing(), quotes=(Quote("q9", "mbs", text),))
    fonts = _word_fonts(build_brief(b, (), BriefOptions(sections=("quotes",))), tmp_path)
    if latin:  # a Latin-script quote keeps its italic
        assert fonts["NATO"].endswith("Italic") and fonts["2030"].endswith("Italic"), fonts
        return
    quoted = [face for word, face in fonts.items() if any(part in word for part in ("NATO", "2030", "2023", "\u4e2d"))]
    assert quoted and not any(face.endswith("Italic") for face in quoted), fonts


def test_a_right_to_left_key_point_has_its_bar_on_the_right(tmp_path):
    """The text is set from the right: the coloured bar is beside its start, not across the page."""
    import subprocess

    from PIL import Image

    from briefing_app.core.briefing.model import KeyPoint

    from .pdftools import need

    kps = (KeyPoint("k1", KJ_ARABIC, kind="fact"), KeyPoint("k2", "Talks continue in Riyadh", kind="fact"))
    b = rtl_briefing()
    b = dataclasses.replace(b, summary=dataclasses.replace(b.summary, key_points=kps))
    pdf = build_brief(b, (), BriefOptions(sections=("judgments",)))
    words = page_words(pdf, tmp_path)[0]
    (tmp_path / "kp.pdf").write_bytes(pdf)
    subprocess.run([need("pdftoppm"), "-r", "72", "-f", "1", "-l", "1", "-png", str(tmp_path / "kp.pdf"),
                    str(tmp_path / "kp")], check=True)
    page = Image.open(next(tmp_path.glob("kp*.png"))).convert("RGB")

    def bar_between(x0: float, x1: float, y: float) -> bool:
        """Ink (the bar: no text is drawn there) between x0 and x1 at height y."""
        return any(min(page.getpixel((x, int(y)))) < 200 for x in range(int(x0), int(x1)))

    for first, rtl in ((KJ_ARABIC.split()[0], True), ("Talks", False)):
        w = next(w for w in words if _logical(w[4]) == unicodedata.normalize("NFKC", first))
        line = [v for v in words if abs(v[1] - w[1]) < 1.5]
        left, right, mid = min(v[0] for v in line), max(v[2] for v in line), (w[1] + w[3]) / 2
        assert bar_between(right + 1, right + 16, mid) is rtl, (first, right)
        assert bar_between(left - 16, left - 1, mid) is not rtl, (first, left)

