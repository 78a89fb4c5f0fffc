"""The order in which an item's hits compete to be quoted, as `engine._ranked` gives it (lazily, and
sorting only what needs it), is the order of its definition: a stable sort of each run on (rank, a
heading that fits first, more distinct words in the paragraph first, offset), runs taken in turns,
hits in a paragraph already taken last, the trigger's run at the end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from privcheck.checklist.model import HeadingWords
from privcheck.document.model import Document
from privcheck.engine import RANKED_HITS, _ranked
from privcheck.matchers import Hit, TextView

LINES = ["Your rights", "You may ask us to delete your data.", "Contact us", "We keep data for two years.",
         "- access;", "- deletion;", "Cookies. We use cookies.", ""]


def by_definition(view, runs, headings):
    text = view.text
    runs = [(hits[:RANKED_HITS], element) for hits, element in runs]
    paragraph_of = {hit.start: view.paragraph(hit.start) for hits, _ in runs for hit in hits}
    words: dict[tuple[int, int], set[str]] = {}
    for hits, _ in runs:
        for hit in hits:
            words.setdefault(paragraph_of[hit.start], set()).add(text[hit.start:hit.end][:40])
    fits = {p: 0 if headings is not None and headings.search(view.heading(p[0])) else 1 for p in words}

    def rank(hit):
        paragraph = paragraph_of[hit.start]
        return (hit.rank, fits[paragraph], -len(words[paragraph]), hit.start)

    ordered = [(sorted(hits, key=rank), element) for hits, element in runs if element != "trigger"]
    out, later, quoted = [], [], set()
    for depth in range(max((len(h) for h, _ in ordered), default=0)):
        for hits, element in ordered:
            if depth < len(hits):
                paragraph = paragraph_of[hits[depth].start]
                (later if paragraph in quoted else out).append((hits[depth], element))
                quoted.add(paragraph)
    return out + later + [(hit, element) for hits, element in runs if element == "trigger" for hit in hits]


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=12),
       runs=st.lists(st.tuples(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 12), st.integers(0, 2)),
                                        max_size=8),
                               st.sampled_from(["a", "b", "topic", "trigger"])), max_size=4),
       with_headings=st.booleans())
def test_hits_are_ranked_as_defined(lines, runs, with_headings):
    view = TextView(Document.from_text("\n".join(["We collect data.", *lines]) + "\n"))
    size = len(view.text)
    hit_runs = [([Hit(start % size, min(size, start % size + length), "", rank) for start, length, rank in hits],
                 element) for hits, element in runs]
    headings = HeadingWords(["rights", "contact"]) if with_headings else None
    assert list(_ranked(view, hit_runs, headings)) == by_definition(view, hit_runs, headings)
