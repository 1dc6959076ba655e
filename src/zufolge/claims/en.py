"""English claims: who says what, through whom, how sure — from spaCy's parse.

One spaCy parse of the whole article (``nlp.en_doc``) gives tokens with
character offsets into ``article.text``; rules on the dependency tree find

* cue verbs from ``lexicon/en.verbs.tsv`` ("said", "told", "has called for")
  with their subject as source and a ``ccomp``/``xcomp``/object or an adjacent
  quotation as content: "X said (that) …", "…, said X", "“A,” she said, “B.”";
* prepositional cues: "according to X", "citing X", "as X put it",
  "in a … poll/report";
* light verbs and stance adjectives ("took a swipe at X", "expressed concern
  that …", "is confident that …"), nominal cues ("his call for X", "a
  statement that …") and "Name: …" speaker lines;
* hedges that mark hearsay without a source ("reportedly", "is said to");
* anonymous sources as classes ("a person familiar with the matter").

Cue verbs inside a quotation are not attributions of their own (the quote's
speaker says them). A cue inside another claim's indirect content is kept and
linked to the outer claim by ``via``.

Example::

    >>> from zufolge.schema import Article
    >>> a = Article(id="x", text="“We will win,” she said.", language="en")
    >>> [(c.cue.text, c.source.mention.text, c.content.text, c.mode) for c in extract(a)]
    [('said', 'she', '“We will win,”', 'direct')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..nlp import en_doc
from ..schema import Anonymous, Article, Certainty, Claim, Source
from .en_lexicon import load

__all__ = ["extract", "quote_regions"]

BY = "claims/en@0.1"

_OPEN = {"“": "”", "«": "»", "``": "''"}
_PUNCT_TRIM = " \t\n,;:—–-"
_PRONOUNS_PERSON = {"he", "she", "him", "her", "i", "me"}
_PRONOUNS_GROUP = {"they", "them", "we", "us"}
_ENT_KIND = {"PER": "person", "ORG": "organization", "MEDIA": "outlet", "GPE": "government",
             "DOC": "document", "NORP": "organization", "LOC": "government"}
_SPACY_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "government",
               "NORP": "organization", "FAC": "organization", "WORK_OF_ART": "document",
               "LAW": "document"}
_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
# Acts whose direct object can be what is claimed ("criticized the plan", "announced a run").
_OBJ_ACTS = {"support", "oppose", "want", "evaluate", "deny", "estimate", "claim", "promise",
             "imply", "show", "plan", "say", "write", "report", "think", "believe", "know", "ask",
             "perceive"}
# Lemmas whose object is the addressee or something else, never the content.
_NO_OBJ = {"tell", "ask", "inform", "notify", "assure", "urge", "warn", "advise", "quote", "cite",
           "continue", "add", "point", "figure", "project", "state", "find", "read", "hear",
           "term", "consider", "decide", "learn", "feel", "answer", "beg", "recall", "poll", "survey",
           "respond", "reply", "agree", "disagree", "concede", "talk", "speak", "focus", "refer",
           "weigh", "remind", "apologize", "apologise", "remember", "text", "post"}
# Acts that take a to-infinitive as their content ("wants to", "vowed to", "is expected to").
_XCOMP_ACTS = {"want", "plan", "promise", "deny", "imply", "estimate", "say", "ask", "think",
               "believe", "claim", "support", "oppose", "show", "know", "evaluate", "report"}
_RAISING = {"seem", "appear", "expect", "say", "believe", "think", "report", "rumor", "rumour",
            "allege", "estimate", "project", "predict", "suppose"}
_OUTLETS = {"reuters", "ap", "afp", "bloomberg", "cnn", "bbc", "nbc", "abc", "cbs", "msnbc",
            "politico", "axios", "fox", "npr", "the associated press", "associated press",
            "the new york times", "the washington post", "the wall street journal", "the guardian",
            "the times", "the post", "the journal", "breitbart", "huffington post", "the hill",
            "the huffington post", "fox news", "usa today", "the atlantic", "vox", "the daily beast",
            "the new yorker", "newsweek", "time", "cnbc", "al jazeera", "dpa", "tass", "xinhua"}
_DOC_PREP_NOUNS = {"poll", "survey", "report", "study", "analysis", "memo", "document", "filing",
                   "statement", "letter", "review", "audit", "investigation", "data", "census",
                   "interview", "op-ed", "editorial", "column", "book", "tweet", "post", "email",
                   "speech", "transcript", "lawsuit", "complaint", "indictment", "ruling"}
# verbs that take a that-clause without reporting anything
_NOT_CUES = {"be", "mean", "ensure", "make", "so", "have", "do", "get", "require", "matter", "happen",
             "turn", "follow", "prove", "help", "see", "take", "keep", "cause", "guarantee", "seem",
             "appear", "become", "remain", "stand", "come", "go", "add"}
_HEDGE_WORDS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "probably",
                "likely", "perhaps", "possibly", "maybe", "not", "never", "so", "as", "how", "when",
                "where", "why", "then", "there", "here", "too", "even"}
_TRAILING_ACTS = {"say", "write", "tell", "claim", "report", "think", "believe", "know", "deny"}
_CUE_ADVERBS = {"also", "even", "then", "repeatedly", "recently", "later", "first", "previously", "publicly",
                "quickly", "often", "once", "already", "again", "still", "long", "initially", "further"}
_CUE_GOVERNORS = {"go", "try", "begin", "start", "proceed", "rush", "hasten", "move", "seek", "attempt",
                  "dare", "appear", "seem", "continue"}
_CUE_MEDIA = {"statement", "interview", "email", "e-mail", "tweet", "letter", "post", "speech", "op-ed",
              "release", "memo", "message", "video", "filing", "column", "essay", "editorial", "text"}
_HUMAN_SUFFIX = ("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent", "ee")


@dataclass
class _Found:
    cue: list[tuple[int, int]]  # char spans of the cue, in text order
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_head: object | None  # spaCy token
    mode: str
    level: str
    level_cues: list[tuple[int, int]] = field(default_factory=list)
    unspecified: bool = False
    negated_cue: bool = False
    act: str = "say"
    parent_key: tuple[int, int] | None = None  # cue of the claim this one is reported through
    confidence: float = 0.7


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Balanced quotations as ``(start, end)`` incl. the marks, never crossing a paragraph.

    A curly or guillemet quote left open at a paragraph end runs to that end (a quote
    continued in the next paragraph reopens there). Straight double quotes pair up
    within a paragraph; an odd one out is ignored.

    >>> quote_regions('He said "yes" and “no”.')
    [(8, 13), (18, 22)]
    """
    regions: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p0, ptext = para.start(), para.group()
        open_at: int | None = None
        closer = ""
        straight: list[int] = []
        i = 0
        n = len(ptext)
        while i < n:
            ch = ptext[i]
            two = ptext[i:i + 2]
            if open_at is None and two == "``":
                open_at, closer = i, "''"
                i += 2
                continue
            if open_at is None and ch in _OPEN:
                open_at, closer = i, _OPEN[ch]
            elif open_at is not None and ptext.startswith(closer, i):
                end = i + len(closer)
                regions.append((p0 + open_at, p0 + end))
                open_at = None
                i = end
                continue
            elif open_at is not None and ch in _OPEN and closer != "''":
                # a new opening mark before the close: the first quote was never closed
                regions.append((p0 + open_at, p0 + i))
                open_at, closer = i, _OPEN[ch]
            elif ch == '"' and open_at is None:
                straight.append(i)
            i += 1
        if open_at is not None:
            end = len(ptext.rstrip())
            if end - open_at > 1:
                regions.append((p0 + open_at, p0 + end))
        for a, b in zip(straight[0::2], straight[1::2]):
            regions.append((p0 + a, p0 + b + 1))
    regions.sort()
    # drop regions nested in or crossing an earlier one
    out: list[tuple[int, int]] = []
    for r in regions:
        if out and r[0] < out[-1][1]:
            continue
        out.append(r)
    return out


class _Doc:
    """The parse plus quote lookup for one article."""

    def __init__(self, article: Article):
        self.article = article
        self.text = article.text
        self.doc = en_doc(article.text)
        self.quotes = quote_regions(article.text)
        self._qstarts = [q[0] for q in self.quotes]
        self.lex = load()
        self.hedge_index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, lv, _hearsay in self.lex.hedges:  # longest first, as in the lexicon
            self.hedge_index.setdefault(words[0], []).append((words, lv))

    def quote_at(self, char: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self._qstarts, char) - 1
        if k >= 0 and self.quotes[k][0] <= char < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def in_quote(self, tok) -> bool:
        q = self.quote_at(tok.idx)
        # the marks themselves are not "inside"
        return q is not None and q[0] < tok.idx and tok.idx + len(tok.text) < q[1]

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Strip spaces and clause punctuation from both ends (not quote marks)."""
        t = self.text
        while a < b and t[a] in _PUNCT_TRIM:
            a += 1
        while b > a and t[b - 1] in _PUNCT_TRIM:
            b -= 1
        # a dangling conjunction left by a cut-off coordinated clause
        m = re.search(r"[\s,]+(?:and|but|or)$", t[a:b])
        if m and m.start() > 0:
            b = a + m.start()
        # a final period outside a quotation is not content
        while b > a and t[b - 1] in ".?!" and self.quote_at(b - 1) is None:
            b -= 1
            while b > a and t[b - 1] in _PUNCT_TRIM:
                b -= 1
        return a, b

    def clamp_to_paragraph(self, at: int, a: int, b: int, allow_after: bool = False) -> tuple[int, int]:
        """Cut a content span back to the paragraph of the cue at ``at`` (spaCy's sentences
        sometimes run over a paragraph break); after "said:" the next paragraph may follow."""
        t = self.text
        p0 = t.rfind("\n", 0, at) + 1
        p1 = t.find("\n", at)
        if p1 < 0:
            p1 = len(t)
        if a < p0 < b:
            a = p0
        if a < p1 < b and not (allow_after and a >= at):
            b = p1
        return a, b

    def span_of(self, lo_tok, hi_tok) -> tuple[int, int]:
        return lo_tok.idx, hi_tok.idx + len(hi_tok.text)

    def subtree(self, tok, exclude=None) -> tuple[int, int]:
        """Char span of ``tok``'s subtree, optionally cutting off one child subtree at an edge."""
        lo, hi = tok.left_edge.i, tok.right_edge.i
        if exclude is not None:
            elo, ehi = exclude.left_edge.i, exclude.right_edge.i
            if elo <= lo <= ehi:
                lo = ehi + 1
            elif elo <= hi <= ehi:
                hi = elo - 1
            elif lo < elo and ehi < hi:
                # the cut-off part is in the middle: keep the larger side
                if (elo - lo) >= (hi - ehi):
                    hi = elo - 1
                else:
                    lo = ehi + 1
        if hi < lo:
            return tok.idx, tok.idx
        return self.span_of(self.doc[lo], self.doc[hi])


def _trim_source(d: _Doc, a: int, b: int) -> tuple[int, int]:
    """A source mention without datelines, timestamps and stray quote marks before it."""
    a, b = d.trim(a, b)
    seg = d.text[a:b]
    cut = seg.rfind("\n")
    # a dateline: "WASHINGTON (Reuters) — ", "Dec 29 (Reuters) - "
    dash = max(seg.rfind(" – "), seg.rfind(" — "), seg.rfind(" - "))
    if dash > 0 and (")" in seg[:dash] or seg[:dash].isupper()):
        cut = max(cut, dash + 2)
    if cut >= 0 and b - (a + cut) > 3:
        a += cut + 1
    m = re.match(r"[\s“”\"'‘’–—-]*(?:\d{1,2}:\d{2} [ap]\.m\.\s*)?", d.text[a:b])
    if m:
        a += m.end()
    while b > a and d.text[b - 1] in "“\"‘":
        b -= 1
    a, b = d.trim(a, b)
    # "X, the fund's lawyer, said": an appositive source keeps its closing comma
    if "," in d.text[a:b] and d.text[b:b + 1] == "," and d.quote_at(b) is None:
        b += 1
    return a, b


_NOT_SPEAKERS = {"update", "updated", "note", "watch", "related", "photo", "photos", "video", "read", "editor",
                 "correction", "source", "sources", "credit", "via", "tags", "posted", "advertisement", "see",
                 "also", "listen", "image", "images", "caption", "warning", "disclaimer", "subscribe", "follow",
                 "click", "more", "breaking", "exclusive", "live", "question", "answer", "here", "this", "that",
                 "it", "the", "so", "but", "and", "why", "what", "how", "who", "where", "when", "bottom", "line"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "yesterday", "today", "tonight"}
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’ -]+|[A-Z][\w.' -]*\s*\((?:AP|AFP|Reuters|CNN|UPI|AAP)\))"
                       r"(?:,? [A-Z][\w.]*)*\s*(?:\([A-Za-z ]+\))?$|^\d{1,2}\s?:\s?\d{2}\b")


def _source_span(d: _Doc, tok) -> tuple[int, int]:
    """The source mention: ``tok``'s subtree without a trailing day ("on Friday"), age
    (", 83,") or detached adjective (", clearly frustrated,")."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if tok.dep_ in ("nsubj", "nsubjpass"):
        # "Former Secretary of State Hillary Clinton said": the parse splits a title from the
        # name into two adjacent subjects; the mention is both
        for c in sorted(tok.head.children, key=lambda c: -c.i):
            if c is not tok and c.dep_ == tok.dep_ and c.i < tok.i and c.right_edge.i == lo - 1:
                lo = c.left_edge.i
    for c in tok.rights:
        # relative clauses stay: PolNeAR includes ", who …" about as often as not, and the
        # token-overlap score rewards keeping them
        after_comma = d.doc[c.left_edge.i - 1].text == ","
        day = (c.dep_ == "npadvmod" and c.lower_ in _WEEKDAYS) or (
            c.dep_ == "prep" and c.lower_ in ("on", "at")
            and any(g.dep_ == "pobj" and g.lower_ in _WEEKDAYS for g in c.children))
        detached_adj = c.dep_ == "amod" and c.i > tok.i and after_comma  # "Clinton, clearly frustrated,"
        # "Renee Gold, 83, of Sarasota": the age and home town are no part of the name
        age = c.dep_ in ("appos", "npadvmod", "nummod", "amod") and c.like_num and c.i > tok.i and \
            d.doc[c.i - 1].text == ","
        cut = day or detached_adj or age
        if cut and c.left_edge.i > tok.i:
            hi = min(hi, c.left_edge.i - 1)
    while hi > lo and d.doc[hi].text in (",", "—", "–", "-", "("):
        hi -= 1
    return d.span_of(d.doc[lo], d.doc[hi])


def _verb_lemma(tok) -> str:
    """spaCy's lemma, or where that is no cue verb but a regular de-inflection of the form is
    one, that (the small model lemmatizes "hopes" as "hop", "denies" as "denie")."""
    lemma = tok.lemma_.lower()
    verbs = load().verbs
    if lemma in verbs or not tok.tag_.startswith("VB"):
        return lemma
    return _deinflect(tok.lower_) or lemma


@lru_cache(maxsize=4096)
def _deinflect(form: str) -> str | None:
    verbs = load().verbs
    cands = []
    for suf, rep in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                     ("d", ""), ("ing", ""), ("ing", "e")):
        if form.endswith(suf) and len(form) - len(suf) >= 2:
            stem = form[: len(form) - len(suf)]
            cands.append(stem + rep)
            if rep == "" and suf in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])  # "regretted", "admitting"
    return next((c for c in cands if c in verbs), None)


def _cue_tokens(verb) -> list:
    """The verb with its auxiliaries and negation to its left ("has not said") and particles."""
    toks = [verb]
    doc = verb.doc
    for c in verb.lefts:
        if c.dep_ in ("aux", "auxpass", "neg") and verb.i - c.i <= 3:
            toks.append(c)
    # adverbs between the auxiliary and the verb: "has long opposed", "initially said"
    lo = min(t.i for t in toks)
    for c in verb.lefts:
        if c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in _HEDGE_WORDS and \
                (lo < c.i or verb.i - c.i == 1):
            toks.append(c)
    # "also has said", "then repeatedly said": adverbs right before the auxiliaries are part of the cue
    ids = {t.i for t in toks}
    for c in sorted(verb.lefts, key=lambda c: -c.i):
        if c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ in _CUE_ADVERBS and c.i + 1 in ids:
            toks.append(c)
            ids.add(c.i)
    # "goes on to slam", "tried to paint": the governing verb is part of the cue
    if verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in _CUE_GOVERNORS and \
            0 < verb.i - verb.head.i <= 4 and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        toks += [t for t in doc[verb.head.i:verb.i] if t.dep_ != "punct"]
    for c in verb.rights:
        if c.dep_ == "prt":
            toks.append(c)
        # "said in a statement", "wrote in an email"
        if c.dep_ == "prep" and c.lower_ == "in" and c.i - verb.i <= 2:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in _CUE_MEDIA and obj.i - c.i <= 3:
                toks += list(doc[c.i:obj.i + 1])
    hi = max(t.i for t in toks)
    nxt = doc[hi + 1] if hi + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _WEEKDAYS and nxt.head.i == verb.i and nxt.dep_ in ("npadvmod", "tmod"):
        toks.append(nxt)  # "said Tuesday": PolNeAR mostly marks the day with the cue
        hi = nxt.i
        nxt = doc[hi + 1] if hi + 1 < len(doc) else None
    if nxt is not None and nxt.text == ":":
        toks.append(nxt)
    return sorted(set(toks), key=lambda t: t.i)


def _merge_char_spans(toks) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for t in sorted(toks, key=lambda t: t.i):
        a, b = t.idx, t.idx + len(t.text)
        if spans and a - spans[-1][1] <= 1:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _subject(verb):
    """The subject of ``verb``, climbing through conjunctions, xcomps and "saying"-participles."""
    cur = verb
    for _ in range(4):
        # the subject nearest the verb (a timestamp line before it can be parsed as a second one)
        subs = sorted((c for c in cur.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")),
                      key=lambda c: abs(c.i - cur.i))
        if subs:
            return subs[0], subs[0].dep_ == "nsubjpass"
        if cur.dep_ == "conj" and cur.head.dep_ == "ccomp" and \
                cur.head.lemma_.lower() not in load().verbs and (
                    cur.head.head.lemma_ == cur.lemma_ or
                    (cur.lemma_.lower() in load().verbs and any(x.dep_ == "ccomp" for x in cur.children))):
            # "He says X was … and says Y": the second "says" hangs off X in the parse
            cur = cur.head.head
            continue
        if cur.dep_ in ("conj", "xcomp", "acomp") or (cur.dep_ == "advcl" and cur.tag_ == "VBG") or (
                cur.dep_ == "advcl" and cur.tag_ == "VB" and cur.head.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
            # "went on to name …", "will come on the show to talk about …": the purpose clause's
            # speaker is the subject of the verb it completes
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            # "is joining X in calling for …"
            cur = cur.head.head
            continue
        if cur.dep_ == "acl" and cur.tag_ in ("VBG",) and cur.head.pos_ in ("NOUN", "PROPN"):
            if cur.i > 0 and cur.doc[cur.i - 1].text == ",":
                # "“Too much hate,” she said, blaming …": the parse hangs the participle on the
                # quoted noun; its speaker is the subject of the attribution next to it
                for sib in cur.head.children:
                    if sib.dep_ == "parataxis" and sib.i < cur.i and sib.lemma_.lower() in load().verbs:
                        s = next((c for c in sib.children if c.dep_ == "nsubj"), None)
                        if s is not None:
                            return s, False
                break
            # "a group backing Clinton": the noun the participle describes
            return cur.head, False
        break
    return None, False


def _that_clause(verb):
    """A ``ccomp`` child introduced by "that"/"whether"/"if", or None."""
    for c in verb.children:
        if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in ("that", "whether")
                                     for m in c.children):
            return c
    return None


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


class _Extractor:
    def __init__(self, d: _Doc):
        self.d = d
        self.found: dict[tuple[int, int], _Found] = {}

    # -- content helpers -------------------------------------------------
    def _with_quotes(self, a: int, b: int) -> tuple[int, int]:
        """Grow a content span to the whole quotations it touches."""
        for pos in (a, b - 1):
            q = self.d.quote_at(pos)
            if q is not None:
                a, b = min(a, q[0]), max(b, q[1])
        return a, b

    def _adjacent_quotes(self, verb, clause_lo: int, clause_hi: int):
        """Quotations right before the attribution clause and right after it."""
        d, text = self.d, self.d.text
        left = right = None
        k = bisect.bisect_right(d._qstarts, clause_lo) - 1
        if k >= 0:
            q = d.quotes[k]
            gap = text[q[1]:clause_lo]
            if q[1] <= clause_lo and len(gap) <= 4 and not gap.strip(" ,—–-\n") or q[1] <= clause_lo and not gap.strip(" ,—–-") and "\n" not in gap:
                left = q
        k = bisect.bisect_left(d._qstarts, clause_hi)
        if k < len(d.quotes):
            q = d.quotes[k]
            gap = text[clause_hi:q[0]]
            if len(gap) <= 4 and gap.strip() in (",", ":", "", "—", ", ", ":\n") or gap.strip() == ":" or (gap.strip() in (":",) and gap.count("\n") <= 2):
                right = q
        return left, right

    def _clause_bounds(self, verb, subj) -> tuple[int, int]:
        """Char span of the attribution clause itself: the verb, its subject and modifiers,
        without any quotation or clausal content."""
        toks = [verb]
        if subj is not None:
            toks += list(subj.subtree)
        for c in verb.children:
            if c.dep_ in ("aux", "auxpass", "neg", "advmod", "prt", "npadvmod", "dative", "prep",
                          "agent", "dobj") and not self.d.in_quote(c):
                if c.dep_ in ("dobj", "prep") and self.d.quote_at(c.idx) is not None:
                    continue
                toks += [t for t in c.subtree if self.d.quote_at(t.idx) is None]
        lo = min(toks, key=lambda t: t.i)
        hi = max(toks, key=lambda t: t.i)
        return lo.idx, hi.idx + len(hi.text)

    # -- cue verbs -------------------------------------------------------
    def verb_cue(self, verb) -> None:
        d, lex = self.d, self.d.lex
        lemma = _verb_lemma(verb)
        if verb.pos_ not in ("VERB", "AUX") and verb.tag_ != "VBN":
            return
        if verb.dep_ in ("amod", "compound", "auxpass", "aux") or d.in_quote(verb):
            return
        if lemma == "cite" and verb.tag_ == "VBG" and verb.dep_ == "advcl":
            return  # "…, citing X": see citing()
        if lemma in lex.verbs:
            act, level = lex.verbs[lemma]
        elif lemma not in _NOT_CUES and _that_clause(verb) is not None:
            # an unlisted verb with a that-clause is nearly always one of saying or thinking
            act, level = "say", "asserted"
        else:
            return
        children = list(verb.children)
        subj, passive = _subject(verb)
        if subj is None:
            # "…,” Bozell answers." — a name the parse calls a compound of the verb
            subj = next((c for c in verb.lefts if c.dep_ in ("compound", "npadvmod") and c.pos_ == "PROPN"
                         and not d.in_quote(c)), None)
        agent = _agent(verb)
        source_tok = agent if passive else subj
        if source_tok is not None and source_tok.dep_ == "expl":
            source_tok = None
        cue_toks = _cue_tokens(verb)
        content: tuple[int, int] | None = None
        mode = "indirect"
        # phrasal cue: "called for X", "pointed to X"
        for c in children:
            if c.dep_ in ("prep", "prt") and (lemma, c.lower_) in lex.particles:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and obj.lemma_.lower() in ("condition", "background", "record"):
                    return  # "speaking on condition of anonymity" describes a source, claims nothing
                if (lemma, c.lower_) not in lex.particles_outside:
                    cue_toks.append(c)
                if obj is not None and content is None:
                    content = d.subtree(obj)
                    mode = "reported"
        nxt = d.doc[verb.i + 1] if verb.i + 1 < len(d.doc) else None
        if content is None and nxt is not None and nxt.head is not verb and nxt.pos_ in ("ADP", "SCONJ") \
                and (lemma, nxt.lower_) in lex.particles and verb.right_edge.i > nxt.i:
            # "is calling for the US to step up …" (the parse hangs "for" elsewhere)
            if (lemma, nxt.lower_) not in lex.particles_outside:
                cue_toks.append(nxt)
            content = (d.doc[nxt.i + 1].idx, d.subtree(verb)[1])
            mode = "reported"
        ccomps = [c for c in children if c.dep_ in ("ccomp", "csubj") and c is not subj]
        if act == "ask":
            # "Asked if he was ever bullied, …": the parse makes the if-clause adverbial
            ccomps += [c for c in children if c.dep_ == "advcl" and c.i > verb.i and any(
                m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)]
        xcomps = [c for c in children if c.dep_ in ("xcomp", "oprd")]
        dobj = next((c for c in children if c.dep_ == "dobj"), None)
        if passive and subj is not None and (lemma in _RAISING or act in ("imply", "estimate")) and xcomps:
            # "The sale is expected to expand …", "He is said to be ill"
            content = (d.subtree(subj)[0], d.subtree(xcomps[0])[1])
            source_tok = agent
            mode = "reported"
        if content is None and passive and agent is not None and subj is not None and not xcomps:
            # "The deal was rejected by Congress": the subject is what the agent judged
            content = d.subtree(subj)
            mode = "reported"
        if content is None and ccomps:
            c = max(ccomps, key=lambda t: t.right_edge.i - t.left_edge.i)
            # "said that A and predicted that B": the second cue is cut off (it has its own claim)
            conj_cue = next((g for g in c.children if g.dep_ == "conj" and g.lemma_.lower() in lex.verbs
                             and (g.lemma_ == verb.lemma_ or (
                                 not any(x.dep_ in ("nsubj", "nsubjpass") for x in g.children)
                                 and any(x.dep_ == "ccomp" for x in g.children)))), None)
            content = d.subtree(c, exclude=conj_cue)
            cite = next((t for t in c.subtree if t.lemma_ == "cite" and t.tag_ == "VBG" and t.i > c.i), None)
            if cite is not None and cite.left_edge.idx > content[0]:
                content = (content[0], cite.left_edge.idx)  # "…, citing X" is not content
        if content is None and verb.dep_ == "parataxis" and not d.in_quote(verb.head):
            # "This campaign, he says, is different." — the whole host clause is claimed
            content = d.subtree(verb.head)
        if content is None and verb.dep_ in ("advcl", "conj") and subj is not None and dobj is None \
                and act in _TRAILING_ACTS and verb.head.i < subj.i and not d.in_quote(verb.head) \
                and d.doc[subj.left_edge.i - 1].text == "," and verb.right_edge.i + 1 < len(d.doc) \
                and d.doc[verb.right_edge.i + 1].text in (".", "!", "?", ";"):
            # "The Internet has made it possible …, she said." — a trailing attribution the parse
            # makes an adverbial clause: the host clause before it is claimed
            content = (verb.head.left_edge.idx, subj.left_edge.idx)
        if content is None and xcomps and (act in _XCOMP_ACTS or lemma in _RAISING):
            x = xcomps[0]
            if lemma in ("seem", "appear") and subj is not None:
                content = (d.subtree(subj)[0], d.subtree(x)[1])
                source_tok = None
            elif dobj is not None and dobj.i < x.i:
                # "urged Congress to act", "called Trump “unhinged.”"
                content = (d.subtree(dobj)[0], d.subtree(x)[1])
            else:
                content = d.subtree(x)
            mode = "reported" if act not in ("say", "claim", "deny") else "indirect"
        clause_lo, clause_hi = self._clause_bounds(verb, source_tok if not passive else subj)
        left_q, right_q = self._adjacent_quotes(verb, clause_lo, clause_hi)
        if verb.tag_ == "VBG" and subj is not None and subj.head is not verb:
            # "“…,” she said, blaming X": the quotation before belongs to "said"
            left_q = None
        colon_after = verb.i + 1 < len(d.doc) and d.doc[verb.i + 1].text == ":"
        if colon_after and right_q and act in ("say", "write", "tell", "claim", "report", "deny"):
            content = right_q  # "He added: “…”" — the quotation, whatever the parse says
        if content is not None:
            a, b = self._with_quotes(*content)
            if right_q and left_q and act in ("say", "tell", "write", "claim", "ask", "deny") and \
                    (a < left_q[1] and left_q[0] < b or a < right_q[1] and right_q[0] < b):
                # "“A,” she said, “B.”": one claim across its own attribution
                a, b = min(a, left_q[0]), max(b, right_q[1])
            content = (a, b)
        elif left_q or right_q:
            content = ((left_q or right_q)[0], (right_q or left_q)[1])
        if lemma in ("continue", "add", "point") and not (left_q or right_q or colon_after) \
                and content is not None and not ccomps:
            return
        if content is None and colon_after:
            sent = verb.sent
            a = d.doc[verb.i + 1].idx + 1
            b = sent.end_char
            content = (a, b)
        if content is None and dobj is not None and act in _OBJ_ACTS and lemma not in _NO_OBJ and \
                not (act == "say" and dobj.pos_ == "PRON" and dobj.lower_ in ("it", "this", "that", "so")):
            hi = d.subtree(dobj)[1]
            for x in xcomps:
                hi = max(hi, d.subtree(x)[1])
            content = (d.subtree(dobj)[0], hi)
            mode = "reported"
        if content is None:
            return
        a, b = d.trim(*d.clamp_to_paragraph(verb.idx, *content, allow_after=colon_after))
        if b <= a:
            return
        quoted = [q for q in d.quotes if a <= q[0] and q[1] <= b]
        if quoted:
            # direct when nothing but the quotations (and the attribution itself) is claimed
            keep = [True] * (b - a)
            spans = quoted + _merge_char_spans(cue_toks)
            if source_tok is not None:
                spans.append(d.subtree(source_tok))
            for x, y in spans:
                for k in range(max(x, a), min(y, b)):
                    keep[k - a] = False
            rest = "".join(ch for ch, k in zip(d.text[a:b], keep) if k)
            mode = "direct" if len(re.findall(r"\w+", rest)) <= 1 else "mixed"
        negated = any(c.dep_ == "neg" for c in children)
        src = None
        if source_tok is not None:
            s = _source_span(d, source_tok)
            if verb.idx < s[1] and s[0] <= verb.idx:
                cut = verb.left_edge.idx if verb.left_edge.i > source_tok.left_edge.i else verb.idx
                s = (s[0], cut) if cut > s[0] else (source_tok.idx, source_tok.idx + len(source_tok.text))
            src = _trim_source(d, *s)
            if src[1] > src[0] and _DATELINE.match(d.text[src[0]:src[1]]):
                # "WASHINGTON (AP) — Donald Trump said": the parse took the dateline for the subject
                gap = d.text[src[1]:verb.idx]
                m = None
                for m in re.finditer(r"\s[—–-]+\s|:\s|\)\s", gap):
                    pass
                src = _trim_source(d, src[1] + m.end(), cue_toks[0].idx) if m is not None and \
                    "\n" not in gap and len(gap.split()) <= 14 else (src[0], src[0])
            if src[1] <= src[0]:
                src = None
        if act == "deny" and lemma in ("decline", "refuse"):
            level = "asserted"
        f = _Found(cue=_merge_char_spans(cue_toks), content=(a, b), source=src,
                   source_head=source_tok, mode=mode, level=level, negated_cue=negated, act=act,
                   unspecified=src is None)
        self.add(f, verb)

    # -- prepositional and adverbial cues -------------------------------
    def according_to(self, tok) -> None:
        d = self.d
        if tok.lower_ != "according" or tok.i + 1 >= len(d.doc) or d.doc[tok.i + 1].lower_ != "to":
            return
        to = d.doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        head = tok.head if tok.head is not tok else tok
        src = d.trim(*d.subtree(pobj)) if pobj is not None else None
        # content: the clause the phrase attaches to, without the phrase
        root = head
        while root.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis") \
                and root.head is not root:
            root = root.head
        phrase = (tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i))
        lo, hi = root.left_edge.i, root.right_edge.i
        if phrase[0] <= lo:
            lo = phrase[1] + 1
        elif phrase[1] >= hi or (phrase[0] - lo) >= (hi - phrase[1]):
            hi = phrase[0] - 1
        else:
            lo = phrase[1] + 1
        if hi < lo:
            return
        a, b = d.trim(*d.span_of(d.doc[lo], d.doc[hi]))
        if b <= a:
            return
        f = _Found(cue=[(tok.idx, to.idx + len(to.text))], content=self._with_quotes(a, b), source=src,
                   source_head=pobj, mode="reported", level="reported", act="report",
                   unspecified=src is None)
        self.add(f, tok)

    def as_put_it(self, verb) -> None:
        """"as X put it, …" / "as X noted, …": the rest of the sentence is the content."""
        d = self.d
        if verb.lemma_.lower() not in ("put", "say", "note", "write", "explain", "observe", "report",
                                       "argue", "add", "tell", "point"):
            return
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return
        if verb.dep_ != "advcl" or d.in_quote(verb):
            return
        subj, _ = _subject(verb)
        if subj is None:
            return
        a, b = d.trim(*d.subtree(verb.head, exclude=verb))
        if b <= a:
            return
        # the cue is the verb ("as X noted": PolNeAR leaves "as" out of the cue)
        cue = [(verb.idx, verb.idx + len(verb.text))]
        it = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
        if it is not None:
            cue.append((it.idx, it.idx + 2))
        f = _Found(cue=cue, content=self._with_quotes(a, b), source=d.trim(*d.subtree(subj)),
                   source_head=subj, mode="indirect", level="asserted", act="say")
        self.add(f, verb)

    def citing(self, verb) -> None:
        """"…, citing X" — X is the source the outer claim relies on."""
        d = self.d
        if verb.lemma_.lower() != "cite" or verb.tag_ != "VBG" or d.in_quote(verb):
            return
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return
        src = d.trim(*d.subtree(obj))
        head = verb.head
        head_key = (head.idx, head.idx + len(head.text))
        outer = self.found.get(head_key)
        ccomp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if outer is None and ccomp is not None and head.lemma_.lower() in d.lex.verbs:
            # "The Times reported, citing officials, that …" (the that-clause hangs off "citing")
            subj, _ = _subject(head)
            if subj is not None:
                content = d.trim(*d.subtree(ccomp))
                outer = _Found(cue=_merge_char_spans(_cue_tokens(head)), content=content,
                               source=_trim_source(d, *d.subtree(subj)), source_head=subj,
                               mode="indirect", level=d.lex.verbs[head.lemma_.lower()][1],
                               act=d.lex.verbs[head.lemma_.lower()][0])
                self.found[head_key] = outer
        if outer is not None:
            content = outer.content
            parent = outer.cue[0]
        elif ccomp is not None:
            content = d.trim(*d.subtree(ccomp))
            parent = None
        else:
            head = verb.head
            content = d.trim(*d.subtree(head, exclude=verb))
            parent = None
        if content[1] <= content[0]:
            return
        f = _Found(cue=[(verb.idx, verb.idx + len(verb.text))], content=content, source=src,
                   source_head=obj, mode="reported", level="reported", act="report",
                   parent_key=parent)
        self.add(f, verb, key_override=(verb.idx, verb.idx + len(verb.text)))

    def in_document(self, prep) -> None:
        """"In a Washington Post poll released Sunday, 8 percent …": the poll is the source."""
        d = self.d
        if prep.lower_ != "in" or prep.dep_ != "prep" or d.in_quote(prep):
            return
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in _DOC_PREP_NOUNS:
            return
        head = prep.head
        if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in d.lex.verbs:
            return
        a, b = d.trim(*d.subtree(head, exclude=prep))
        if b <= a:
            return
        poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
        src_tok = pobj if poss is None or pobj.lemma_.lower() in ("poll", "survey", "report", "study") \
            else poss
        f = _Found(cue=[(prep.idx, prep.idx + len(prep.text))], content=self._with_quotes(a, b),
                   source=d.trim(*d.subtree(src_tok)), source_head=src_tok, mode="reported",
                   level="reported", act="report")
        self.add(f, prep)

    def hearsay_hedge(self, tok) -> None:
        """"reportedly", "allegedly": hearsay from an unspecified source."""
        d = self.d
        if tok.lower_ not in ("reportedly", "allegedly", "purportedly", "supposedly") or d.in_quote(tok):
            return
        head = tok.head
        root = head
        while root.dep_ in ("xcomp", "aux", "auxpass", "acomp") and root.head is not root:
            root = root.head
        a, b = d.trim(*d.subtree(root))
        if b <= a:
            return
        level = "reported"
        f = _Found(cue=[(tok.idx, tok.idx + len(tok.text))], content=self._with_quotes(a, b), source=None,
                   source_head=None, mode="reported", level=level, unspecified=True, act="report",
                   level_cues=[(tok.idx, tok.idx + len(tok.text))], confidence=0.6)
        self.add(f, tok)

    def stance_adjective(self, adj) -> None:
        """"is confident that …", "was sharply critical of …": a copula, an adjective, its object."""
        d, lex = self.d, self.d.lex
        if adj.pos_ != "ADJ" or adj.dep_ != "acomp" or adj.lower_ not in lex.adjectives or d.in_quote(adj):
            return
        cop = adj.head
        content_tok = end_tok = None
        for c in adj.children:
            if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i:
                content_tok, end_tok = c, adj
                break
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "that", "with", "to", "toward"):
                g = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if g is not None:
                    content_tok, end_tok = g, c
                    break
        if content_tok is None:
            return
        subj, passive = _subject(cop)
        if subj is None or passive:
            return
        lo = min([t for t in cop.children if t.dep_ in ("aux", "neg") and t.i < cop.i] + [cop], key=lambda t: t.i)
        cue_toks = [t for t in d.doc[lo.i:end_tok.i + 1] if t.dep_ not in ("nsubj", "punct")]
        if end_tok.i - lo.i > 6:
            return
        a, b = d.trim(*d.clamp_to_paragraph(adj.idx, *d.subtree(content_tok)))
        if b <= a:
            return
        f = _Found(cue=_merge_char_spans(cue_toks), content=self._with_quotes(a, b),
                   source=_trim_source(d, *d.subtree(subj)), source_head=subj, mode="reported",
                   level=lex.adjectives[adj.lower_], act="think", confidence=0.5)
        self.add(f, adj)

    def light_verb(self, verb) -> None:
        """"took a swipe at X", "expressed concern that X": verb + object noun form the cue."""
        d, lex = self.d, self.d.lex
        if verb.lemma_.lower() not in lex.light_verbs or d.in_quote(verb):
            return
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in lex.light_nouns:
            return
        content_tok = end_tok = None
        for host in (obj, verb):
            for c in host.children:
                if c.dep_ == "prep" and c.lower_ in ("about", "of", "at", "on", "for", "against", "over",
                                                      "to", "toward", "towards", "with", "in") and c.i > obj.i:
                    g = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if g is not None:
                        content_tok, end_tok = g, c
                        break
                if c.dep_ in ("acl", "ccomp") and c.i > obj.i and \
                        any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    content_tok, end_tok = c, obj
                    break
            if content_tok is not None:
                break
        if content_tok is None:
            return
        subj, passive = _subject(verb)
        src = _trim_source(d, *d.subtree(subj)) if subj is not None and not passive else None
        cue_toks = [t for t in _cue_tokens(verb) if t.i < verb.i] + list(d.doc[verb.i:end_tok.i + 1])
        a, b = d.trim(*d.clamp_to_paragraph(verb.idx, *d.subtree(content_tok)))
        if b <= a or end_tok.i - verb.i > 8:
            return
        f = _Found(cue=_merge_char_spans(cue_toks), content=self._with_quotes(a, b), source=src,
                   source_head=subj, mode="reported", level="asserted", act="say",
                   unspecified=src is None, confidence=0.6)
        self.add(f, verb)

    def nominal(self, noun) -> None:
        """"his statement that …", "a report by X that …": noun cue with a that-clause."""
        d, lex = self.d, self.d.lex
        lemma = noun.lemma_.lower()
        if lemma not in lex.nouns or noun.pos_ != "NOUN" or d.in_quote(noun):
            return
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is None:
            # "his decision to run", "her refusal to release the transcripts"
            clause = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and c.tag_ == "VB"
                           and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        src_tok = next((c for c in noun.children if c.dep_ == "poss"), None)
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        if src_tok is None and by is not None:
            src_tok = next((g for g in by.children if g.dep_ == "pobj"), None)
        if src_tok is None:
            # "Republican calls for …", "GOP criticism of …": a name or group before the noun
            src_tok = next((c for c in noun.lefts if c.dep_ in ("compound", "amod")
                            and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "ORG", "PERSON", "GPE"))), None)
        prep = None
        if clause is None and (src_tok is not None or lemma in lex.nouns_prep):
            # "Clinton's criticism of Trump", "his call for a recount", "criticism of the plan"
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.i > noun.i and c.lower_ in
                         ("of", "for", "against", "on", "about", "to", "over")), None)
            clause = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) \
                if prep is not None else None
        if clause is None:
            return
        a, b = d.trim(*d.subtree(clause))
        if b <= a:
            return
        _, level = lex.nouns[lemma]
        src = d.trim(*d.subtree(src_tok)) if src_tok is not None else None
        if src is not None and src[1] <= src[0]:
            src = None
        cue_end = prep if prep is not None else noun
        f = _Found(cue=[(noun.idx, cue_end.idx + len(cue_end.text))], content=self._with_quotes(a, b),
                   source=src, source_head=src_tok, mode="reported", level=level, act="report",
                   unspecified=src is None, confidence=0.6 if prep is not None else 0.7)
        self.add(f, noun)

    def colon_speaker(self, colon) -> None:
        """"Khans: Trump stirs ugliness", "Q: Did you …": a short name before a colon speaks."""
        d = self.d
        if colon.text != ":" or d.in_quote(colon):
            return
        doc, text = d.doc, d.text
        line_start = text.rfind("\n", 0, colon.idx) + 1
        left = [t for t in doc[max(0, colon.i - 8):colon.i] if t.idx >= line_start]
        if not left or len(left) > 6:
            return
        if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") or t.like_num for t in left):
            return
        if left[0].text in ("Q", "A") or any(t.lower_ in _NOT_SPEAKERS for t in left):
            return
        if not any(t.pos_ == "PROPN" for t in left) and not (
                len(left) <= 3 and all(t.text[:1].isupper() or t.text in ".’'s" for t in left)):
            # a one-word headline speaker the tagger misses: "Issa: …", "Newspaper: …"
            return
        line_end = text.find("\n", colon.idx)
        if line_end < 0:
            line_end = len(text)
        a = colon.idx + 1
        q = d.quote_at(a + 1) or d.quote_at(a)
        b = q[1] if q is not None else min(line_end, colon.sent.end_char if colon.sent.end_char > a
                                           else line_end)
        a, b = d.trim(a, b)
        if b <= a or len(text[a:b].split()) < 2:
            return
        src = d.trim(left[0].idx, left[-1].idx + len(left[-1].text))
        head = max(left, key=lambda t: (t.pos_ == "PROPN", t.i))
        f = _Found(cue=[(colon.idx, colon.idx + 1)], content=(a, b), source=src, source_head=head,
                   mode="direct" if q is not None else "indirect", level="asserted", act="say",
                   confidence=0.5)
        self.add(f, colon)

    # -- bookkeeping -----------------------------------------------------
    def add(self, f: _Found, tok, key_override=None) -> None:
        key = key_override or (tok.idx, tok.idx + len(tok.text))
        if key not in self.found:
            self.found[key] = f

    def run(self) -> list[_Found]:
        for tok in self.d.doc:
            self.according_to(tok)
            if tok.pos_ in ("VERB", "AUX") or tok.tag_ == "VBN":
                self.as_put_it(tok)
                self.light_verb(tok)
                self.verb_cue(tok)
        for tok in self.d.doc:
            self.citing(tok)
            self.in_document(tok)
            self.hearsay_hedge(tok)
            self.nominal(tok)
            self.colon_speaker(tok)
            self.stance_adjective(tok)
        return self._resolve()

    def _resolve(self) -> list[_Found]:
        items = sorted(self.found.items(), key=lambda kv: kv[0])
        out: list[_Found] = []
        cue_chars = {k for k, _ in items}
        # "Barkley, who said he votes Democratic, said …": the relative clause is a claim of its
        # own, so the outer source ends before it (PolNeAR nests no attributions)
        for key, f in items:
            if not f.source or self.d.text[f.source[0]:f.source[1]].lower() not in ("who", "which"):
                continue
            for _, g in items:
                if g is not f and g.source and g.source[0] < f.source[0] < key[0] < g.source[1] \
                        and f.content[1] <= g.source[1] + 1:
                    a, b = self.d.trim(g.source[0], f.source[0])
                    if b > a:
                        g.source = (a, b)
        for key, f in items:
            # a hearsay hedge inside another claim's content only hedges that claim
            if f.act == "report" and f.unspecified and f.mode == "reported" and f.level_cues and \
                    any(g is not f and g.content[0] <= key[0] < g.content[1] for _, g in items):
                continue
            # a cue word that is part of a longer cue ("expressed concern that …")
            if any(g is not f and x[0] <= key[0] < x[1] and (x[1] - x[0]) > (key[1] - key[0])
                   for _, g in items for x in g.cue):
                continue
            # a cue inside another claim's source ("officials who spoke on condition of …")
            if any(g is not f and g.source and g.source[0] <= key[0] < g.source[1] for _, g in items):
                continue
            # a claim whose source is inside a quotation it also claims is a parse accident
            if f.source and any(f.content[0] <= f.source[0] and f.source[1] <= f.content[1]
                                and self.d.quote_at(f.source[0]) for _ in [0]):
                continue
            out.append(f)
        # "via": a claim whose cue lies in another claim's indirect content is reported through it
        for f in out:
            if f.parent_key is not None:
                continue
            best = None
            citing = self.d.text[f.cue[0][0]:f.cue[0][1]].lower() == "citing"
            for g in out:
                if g is f or g.mode == "direct" and not citing:
                    continue
                if citing and g.content == f.content and g.cue[0][0] < f.cue[0][0]:
                    best = g
                    break
                if g.content[0] <= f.cue[0][0] < g.content[1] and f.content[1] <= g.content[1] + 1 and \
                        (best is None or (g.content[1] - g.content[0]) < (best.content[1] - best.content[0])):
                    best = g
            if best is not None:
                f.parent_key = best.cue[0]
        del cue_chars
        self._continue_quotes(out)
        return out

    def _continue_quotes(self, out: list[_Found]) -> None:
        """“A,” she said. “B.” — a quotation right after a quoted claim, in the same paragraph
        and with no attribution of its own, continues the same speaker."""
        d, text = self.d, self.d.text
        claimed = [(f.content[0], f.content[1]) for f in out]
        cues = sorted(x[0] for f in out for x in f.cue)
        for f in out:
            if f.mode not in ("direct", "mixed"):
                continue
            end = f.content[1]
            k = bisect.bisect_left(d._qstarts, end)
            while k < len(d.quotes):
                q = d.quotes[k]
                gap = text[end:q[0]]
                # a quotation left open at a paragraph end goes on in the next paragraph
                if not gap.strip() and "\n" in gap and text[end - 1] not in "”\"»'":
                    pass
                # only the rest of the attribution sentence may lie in between
                elif "\n" in gap or len(gap) > 200 or \
                        (re.search(r"\w", gap) and not re.fullmatch(r"[^\n]*?[.!?]\s*", gap)):
                    break
                if any(a < q[1] and q[0] < b for a, b in claimed):
                    break
                # the quotation must not carry its own cue right after it
                after = text[q[1]:q[1] + 40]
                j = bisect.bisect_left(cues, q[1])
                if j < len(cues) and cues[j] - q[1] < 40 and "\n" not in after[: cues[j] - q[1]] \
                        and "." not in text[q[1]:cues[j]]:
                    break
                f.content = (f.content[0], q[1])
                end = q[1]
                k += 1



# -- sources -------------------------------------------------------------

def _entity_at(article: Article, a: int, b: int, head_char: int | None):
    if not article.entities:
        return None
    best = None
    for e in article.entities:
        for m in e.mentions:
            if m.start < b and a < m.end:
                hit = head_char is not None and m.start <= head_char < m.end
                score = (hit, m.end - m.start)
                if best is None or score > best[0]:
                    best = (score, e)
    return best[1] if best else None


def _anonymous(d: _Doc, src_text: str, head) -> Anonymous | None:
    low = src_text.lower()
    if head is not None:
        sub = list(head.subtree)
        if any(t.ent_type_ == "PERSON" for t in sub) or head.pos_ == "PROPN":
            return None
        if head.pos_ == "PRON":
            return None
    if "anonymity" not in low and not re.match(r"^(an?|one|two|three|four|several|some|many|other|"
                                               r"the|senior|top|u\.s\.|\w+ )?", low):
        return None
    for pat, cls in d.lex.anonymous:
        if pat.search(low):
            # "the official" after a named one is a description, not anonymity
            if re.match(r"^(the|this|that|these|those|his|her|its|their)\b", low) and \
                    "anonymity" not in low and "familiar" not in low:
                return None
            if re.search(r"\b(two|three|four|five|several|some|many|multiple|other|\d+)\b", low) \
                    or re.search(r"\b(officials|sources|people|aides|diplomats|insiders|advisers|"
                                 r"advisors|persons|staffers|witnesses|analysts|experts)\b", low):
                number = "several"
            elif re.search(r"\b(a|an|one)\b", low):
                number = "one"
            else:
                number = "unknown"
            return Anonymous(cls, None, number)
    return None


def _kind_of(d: _Doc, src_text: str, head) -> str:
    low = src_text.lower().strip()
    if low in _OUTLETS or re.sub(r"^the ", "", low) in _OUTLETS:
        return "outlet"
    if head is None:
        return "person"
    if head.pos_ == "PRON":
        return "person" if head.lower_ in _PRONOUNS_PERSON else "organization" \
            if head.lower_ in ("it",) else "person"
    ent = head.ent_type_
    if ent in _SPACY_KIND:
        kind = _SPACY_KIND[ent]
        if kind == "organization" and head.lower_ in d.lex.source_kinds and \
                d.lex.source_kinds[head.lower_] == "outlet":
            return "outlet"
        return kind
    lemma = head.lemma_.lower()
    if lemma in d.lex.source_kinds:
        return d.lex.source_kinds[lemma]
    return "person"


def _resolve_pronoun(prev: list[tuple[int, Source]], pos: int, pron: str) -> Source | None:
    want = ("person",) if pron in _PRONOUNS_PERSON else ("person", "organization", "government", "outlet")
    for start, s in reversed(prev):
        if start < pos and s.kind in want and s.mention is not None and \
                s.mention.text.lower() not in _PRONOUNS_PERSON | _PRONOUNS_GROUP:
            return s
    return None


def _source(d: _Doc, f: _Found, prev: list[tuple[int, Source]]) -> Source:
    article = d.article
    if f.source is None:
        return Source("unspecified")
    a, b = f.source
    mention = article.span(a, b)
    head = f.source_head
    head_char = head.idx if head is not None else None
    anon = _anonymous(d, mention.text, head)
    ent = _entity_at(article, a, b, head_char)
    if anon is not None:
        if article.entities:
            aff = _entity_at(article, a, b, None)
            if aff is not None and aff.type in ("ORG", "GPE", "MEDIA"):
                anon = Anonymous(anon.cls, aff.id, anon.number)
        return Source("anonymous", mention, None, anon)
    if head is not None and head.pos_ == "PRON" and head.lower_ in _PRONOUNS_PERSON | _PRONOUNS_GROUP:
        ref = _resolve_pronoun(prev, a, head.lower_)
        if article.entities:
            e = _entity_at(article, a, b, head_char)
            if e is not None:
                return Source(_ENT_KIND.get(e.type, "person"), mention, e.id)
        if ref is not None:
            return Source(ref.kind, mention, ref.entity)
        return Source("person" if head.lower_ in _PRONOUNS_PERSON else "organization", mention)
    if ent is not None:
        kind = _ENT_KIND.get(ent.type, "organization")
        if kind == "organization" and _kind_of(d, mention.text, head) == "outlet":
            kind = "outlet"
        return Source(kind, mention, ent.id)
    return Source(_kind_of(d, mention.text, head), mention)


# -- certainty and polarity ------------------------------------------------

def _certainty(d: _Doc, f: _Found) -> tuple[str, list[tuple[int, int]], str]:
    level = f.level
    cues = list(f.level_cues)
    a, b = f.content
    toks = [t for t in d.doc.char_span(a, b, alignment_mode="expand") or ()]
    lows = [t.lower_ for t in toks]
    found_level = None
    if f.act != "deny":
        by_first = d.hedge_index
        i = 0
        while i < len(toks):
            for words, lv in by_first.get(lows[i], ()):
                n = len(words)
                if tuple(lows[i:i + n]) == words and (f.mode == "direct" or not d.in_quote(toks[i])):
                    cues.append((toks[i].idx, toks[i + n - 1].idx + len(toks[i + n - 1].text)))
                    found_level = found_level or lv
                    i += n - 1
                    break
            i += 1
    cues = sorted(set(cues))
    if found_level and level in ("asserted", "reported"):
        level = found_level if found_level != "reported" or level == "asserted" else level
    if f.negated_cue and f.act in ("say", "think", "believe", "know", "show"):
        level = "doubtful"
    elif f.negated_cue and f.act == "deny" and level == "denied":
        level = "asserted"
    polarity = "positive"
    roots = [t for t in toks[:400] if t.head.i < toks[0].i or t.head.i > toks[-1].i or t.head is t] \
        if toks else []
    for r in roots[:3]:
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in r.children):
            polarity = "negative"
    if toks and any(t.lower_ in ("no", "none", "nobody", "nothing") and t.dep_ in ("det", "nsubj", "dobj")
                    for t in toks[:12]):
        polarity = "negative"
    return level, cues, polarity


# -- unattributed sentences -----------------------------------------------

def _unattributed(d: _Doc, taken: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    out = []
    for sent in d.doc.sents:
        if len(sent) < 5 or len(sent) > 120:
            continue
        a, b = sent.start_char, sent.end_char
        if any(x < b and a < y for x, y in taken):
            continue
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or sent.text.rstrip().endswith("?"):
            continue
        if d.quote_at(root.idx) is not None or "\n" in d.text[a:b].strip():
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            continue
        a, b = d.trim(a, b)
        if b > a:
            out.append((a, b, root.idx))
    return out


def extract(article: Article) -> list[Claim]:
    """Claims of an English article (ids ``t1``…; the stage renumbers them)."""
    if not article.text or not article.text.strip():
        return []
    d = _Doc(article)
    found = _Extractor(d).run()
    found.sort(key=lambda f: (f.content[0], f.cue[0][0]))
    ids = {id(f): f"t{i + 1}" for i, f in enumerate(found)}
    by_cue = {f.cue[0]: f for f in found}
    prev: list[tuple[int, Source]] = []
    claims: list[Claim] = []
    for f in sorted(found, key=lambda f: f.source[0] if f.source else f.cue[0][0]):
        source = _source(d, f, prev)
        if f.source is not None:
            prev.append((f.source[0], source))
        level, level_cues, polarity = _certainty(d, f)
        cue_parts = tuple(article.span(x, y) for x, y in f.cue)
        cue = article.span(f.cue[0][0], f.cue[-1][1]) if len(f.cue) == 1 or \
            f.cue[-1][1] - f.cue[0][0] < 40 else cue_parts[0]
        parent = by_cue.get(f.parent_key) if f.parent_key else None
        claims.append(Claim(
            id=ids[id(f)], content=article.span(*f.content), source=source, cue=cue,
            cue_parts=cue_parts if len(cue_parts) > 1 else (),
            via=ids[id(parent)] if parent is not None and parent is not f else None,
            mode=f.mode, certainty=Certainty(level, tuple(article.span(x, y) for x, y in level_cues)),
            polarity=polarity, inherited=False, sentence=article.sentence_of(f.content[0]),
            by=BY, confidence=f.confidence,
        ))
    taken = [c.content for c in found] + [x for f in found for x in f.cue]
    for i, (a, b, root_char) in enumerate(_unattributed(d, taken)):
        f = _Found(cue=[(a, a)], content=(a, b), source=None, source_head=None, mode="unattributed",
                   level="asserted")
        _, lcues, polarity = _certainty(d, f)
        level = "asserted"
        if lcues:
            lows = {article.text[x:y].lower() for x, y in lcues}
            for words, lv, _ in d.lex.hedges:
                if " ".join(words) in lows:
                    level = lv
                    break
        claims.append(Claim(
            id=f"u{i + 1}", content=article.span(a, b), source=Source("author"), cue=None,
            mode="unattributed", certainty=Certainty(level, tuple(article.span(x, y) for x, y in lcues)),
            polarity=polarity, sentence=article.sentence_of(a), by=BY, confidence=0.5,
        ))
    return claims
