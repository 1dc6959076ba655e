"""Optional CAMEO lexicon plugin: PETRARCH/TABARI-format dictionaries on spaCy's English parse.

zufolge's own coder uses its PLOVER trigger lexicon (``lexicon/en.tsv``). Users who own the
full CAMEO dictionaries (or the PETRARCH validation dictionaries) can load them instead for
English: verb patterns with CAMEO codes, synsets, actor and agent dictionaries, discards.

    >>> from zufolge.events import load_cameo_dictionaries, code_cameo
    >>> d = load_cameo_dictionaries(verbs="CAMEO.verbs.txt", actors="Phoenix.Countries.actors.txt",
    ...                             agents="Phoenix.agents.txt")          # doctest: +SKIP
    >>> code_cameo("Arnor restored diplomatic ties with Gondor.", d)     # doctest: +SKIP
    [CameoCoding(event='064', source='ARN', target='GON', ...)]

or set ``ZUFOLGE_CAMEO_VERBS`` / ``_ACTORS`` / ``_AGENTS`` / ``_DISCARDS`` to file paths. Once
loaded, the ``events`` stage codes English sentences with the dictionaries (type = the PLOVER
type of the CAMEO code, ``cameo`` = the code); ``OTHER`` happenings still come from zufolge's
own lexicon. Nothing is shipped: the dictionaries stay where the user keeps them.

Dictionary format (as in PETRARCH 1/2 and TABARI):

* verbs: ``&SYNSET`` lines followed by ``+MEMBER`` lines; blocks ``--- HEAD [code] ---`` with
  verb lines (``BREAK {BROKE BROKEN}``, ``+BREAK_DOWN {…}``, ``WIRE_+TAP``, ``DOWNPLAY [014]``)
  and patterns ``- PRE * POST [code]``. Pattern words match words of the sentence in order,
  with gaps; ``_`` joins words that must be adjacent; ``$`` marks the source, ``+`` the target,
  ``^`` skips a noun phrase, ``%`` a compound subject coded pairwise. ``[---]`` codes nothing,
  ``[###]`` discards the sentence, ``a:b`` codes a (source→target) and b (target→source).
* actors: ``NAME [CODE]`` with ``+SYNONYM`` lines, indented ``[CODE <date]`` / ``[CODE d1-d2]``
  / ``[CODE >date]`` date restrictions, ``A/B`` for several codes. Words match as stems unless
  the name ends in ``_`` (only at the end of a capitalised word).
* agents: ``NAME {PLURALS} [~CODE]`` (appended) or ``[CODE~]`` (prefixed); ``{}`` = no plural;
  ``!NAME! = a, b`` substitution sets.
* discards: a phrase per line (``+`` = story level; both discard the sentence here).

Coding follows PETRARCH's logic: the verb (with its pattern) gives the code; the source is the
subject noun phrase (the ``by`` agent in the passive), the target the object or prepositional
phrase (else the first actor after the verb); coordinated actors and agents give one coding
each; agent codes are appended to (or put before) the actor's code; an agent without an actor
codes as ``---`` + agent; a coding needs at least one side with an actor.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..nlp import en_doc

__all__ = [
    "CameoCoding",
    "CameoDictionaries",
    "active_dictionaries",
    "clear_cameo_dictionaries",
    "code_cameo",
    "load_cameo_dictionaries",
    "plover_of",
]

ENV = {"verbs": "ZUFOLGE_CAMEO_VERBS", "actors": "ZUFOLGE_CAMEO_ACTORS",
       "agents": "ZUFOLGE_CAMEO_AGENTS", "discards": "ZUFOLGE_CAMEO_DISCARDS"}
_NULL = {"---", "+++", ""}


# ----------------------------------------------------------------------------- reading
def _clean_lines(path: str | Path) -> list[str]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<!.*?-->", "", text, flags=re.DOTALL)
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        out.append(line)
    return out


@dataclass(frozen=True, slots=True)
class _Elem:
    kind: str  # word|syn|src|tgt|cmp|skip|star
    value: str = ""
    joined: bool = False  # must be adjacent to the previous element


@dataclass(frozen=True, slots=True)
class _Pattern:
    pre: tuple[_Elem, ...]
    post: tuple[_Elem, ...]
    star_joined_pre: bool  # "X_*": the last pre element touches the verb
    code: str
    order: int

    @property
    def weight(self) -> int:
        return sum(e.kind in ("word", "syn") for e in self.pre + self.post)


@dataclass(slots=True)
class _Verb:
    head: str
    before: tuple[str, ...]  # words right before the verb ("WIRE" in WIRE_+TAP)
    after: tuple[str, ...]  # particles right after it ("DOWN" in BREAK_DOWN)
    code: str | None
    forms: set[str]
    patterns: list[_Pattern]


def _split_words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[ _]+", phrase.strip()) if w]


def _elements(spec: str) -> list[_Elem]:
    out: list[_Elem] = []
    for chunk in spec.split():
        parts = chunk.split("_")
        first = True
        for p in parts:
            joined = not first
            first = False
            if not p:
                # trailing "_" on a word: exact word (already exact here); leading "_": joined
                continue
            if p == "*":
                out.append(_Elem("star", joined=joined))
            elif p == "$":
                out.append(_Elem("src", joined=joined))
            elif p == "+":
                out.append(_Elem("tgt", joined=joined))
            elif p == "%":
                out.append(_Elem("cmp", joined=joined))
            elif p == "^":
                out.append(_Elem("skip", joined=joined))
            elif p.startswith("&"):
                out.append(_Elem("syn", p[1:].upper().rstrip("_"), joined))
            else:
                out.append(_Elem("word", p.upper(), joined))
    # a "_" after the star ("*_OUT") is parsed as joined on the following word already;
    # a "_" before it ("FAILED_TO_*") marks the star joined
    return out


def _regular_forms(v: str) -> set[str]:
    v = v.upper()
    forms = {v}
    if v.endswith("E"):
        forms |= {v + "S", v + "D", v[:-1] + "ING"}
    elif v.endswith("Y") and len(v) > 2 and v[-2] not in "AEIOU":
        forms |= {v[:-1] + "IES", v[:-1] + "IED", v + "ING"}
    else:
        es = "ES" if v.endswith(("S", "SH", "CH", "X", "Z", "O")) else "S"
        forms |= {v + es, v + "ED", v + "ING"}
        if len(v) >= 3 and v[-1] in "BDGMNPT" and v[-2] in "AEIOU" and v[-3] not in "AEIOU":
            forms |= {v + v[-1] + "ED", v + v[-1] + "ING"}
    return forms


def _parse_verb_line(line: str, block_code: str | None) -> list[_Verb]:
    forms_m = re.search(r"\{([^}]*)\}", line)
    code_m = re.search(r"\[([^\]]*)\]", line)
    head_part = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).strip()
    code = code_m.group(1).strip() if code_m else block_code
    words = [w for w in re.split(r"[ _]+", head_part) if w]
    if not words:
        return []
    if any(w.startswith("+") for w in words):
        hi = next(i for i, w in enumerate(words) if w.startswith("+"))
    else:
        hi = 0
    words = [w.lstrip("+").upper() for w in words]
    head = words[hi]
    extra = set()
    if forms_m:
        for f in forms_m.group(1).split():
            fw = [w.lstrip("+").upper() for w in re.split(r"[ _]+", f) if w]
            if len(fw) == len(words):
                extra.add(fw[hi])
            elif fw:
                extra.add(fw[0])
    return [_Verb(head, tuple(words[:hi]), tuple(words[hi + 1:]), code,
                  _regular_forms(head) | extra, [])]


def _read_verbs(path: str | Path) -> tuple[dict[str, list[list[str]]], list[_Verb]]:
    synsets: dict[str, list[list[str]]] = {}
    verbs: list[_Verb] = []
    cur_syn: str | None = None
    block: list[_Verb] = []
    block_code: str | None = None
    order = 0
    for line in _clean_lines(path):
        s = line.strip()
        if not s:
            cur_syn = None
            continue
        if s.startswith("&") and not s.startswith("- "):
            cur_syn = s.split()[0][1:].upper().rstrip("_")
            synsets.setdefault(cur_syn, [])
            continue
        if cur_syn and s.startswith("+"):
            synsets[cur_syn].append([w.upper() for w in re.split(r"[ _]+", s[1:].strip()) if w])
            continue
        cur_syn = None
        if s.startswith("---"):
            codes = re.findall(r"\[([^\]]*)\]", s)
            block_code = codes[0].strip() if codes else None
            if block_code in ("---", ""):
                block_code = None
            block = []
            continue
        if s.startswith("-") and "*" in s:
            code_m = re.findall(r"\[([^\]]*)\]", s)
            if not code_m or not block:
                continue
            spec = re.sub(r"\[[^\]]*\]", " ", s[1:])
            spec = spec.replace("{", " ").replace("}", " ").replace("(", " ").replace(")", " ")
            els = _elements(spec)
            star = next((i for i, e in enumerate(els) if e.kind == "star"), None)
            if star is None:
                continue
            pre = tuple(els[:star])
            post = tuple(els[star + 1:])
            order += 1
            pat = _Pattern(pre, post, els[star].joined, code_m[-1].strip(), order)
            for v in block:
                v.patterns.append(pat)
            continue
        if block is not None:
            new = _parse_verb_line(s, block_code)
            block.extend(new)
            verbs.extend(new)
    return synsets, verbs


@dataclass(frozen=True, slots=True)
class _Actor:
    words: tuple[str, ...]
    exact_end: bool
    codes: tuple[tuple[str, int, int], ...]  # (code, from yyyymmdd, to yyyymmdd)


def _date8(s: str) -> int:
    s = s.strip()
    if len(s) == 6:
        s = "19" + s
    return int(s) if s.isdigit() else 0


def _actor_codes(blocks: list[str]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for b in blocks:
        b = b.strip()
        m = re.match(r"^([A-Za-z0-9/#+\-]*)\s*(.*)$", b)
        code, cond = (m.group(1), m.group(2).strip()) if m else (b, "")
        lo, hi = 0, 99999999
        if cond.startswith("<"):
            hi = _date8(cond[1:]) - 1
        elif cond.startswith(">"):
            lo = _date8(cond[1:])
        elif "-" in cond:
            a, z = cond.split("-", 1)
            lo, hi = _date8(a), _date8(z)
        if code and not re.fullmatch(r"[\d\-]+", code):
            out.append((code.upper(), lo, hi))
    return tuple(out)


def _read_actors(path: str | Path) -> list[_Actor]:
    actors: list[_Actor] = []
    names: list[str] = []
    codes: list[str] = []

    def flush():
        if names and codes:
            cs = _actor_codes(codes)
            for n in names:
                words = tuple(w.upper() for w in _split_words(n))
                if words:
                    actors.append(_Actor(words, n.rstrip().endswith("_"), cs))

    for line in _clean_lines(path):
        s = line.strip()
        if not s:
            continue
        brackets = re.findall(r"\[([^\]]*)\]", s)
        head = re.sub(r"\[[^\]]*\]", "", s).strip()
        if line[:1] in (" ", "\t") and not head:
            codes += brackets  # indented code block (date restrictions)
            continue
        if head.startswith("+"):
            names.append(head[1:].strip())
            codes += brackets
            continue
        if head:
            flush()
            names, codes = [head], list(brackets)
        else:
            codes += brackets
    flush()
    return actors


@dataclass(frozen=True, slots=True)
class _Agent:
    words: tuple[str, ...]
    prefix: str
    suffix: str


def _plural(w: str) -> str:
    if w.endswith("Y") and len(w) > 2 and w[-2] not in "AEIOU":
        return w[:-1] + "IES"
    if w.endswith(("S", "SH", "CH", "X", "Z")):
        return w + "ES"
    if w.endswith("MAN"):
        return w[:-3] + "MEN"
    return w + "S"


def _read_agents(path: str | Path) -> list[_Agent]:
    subs: dict[str, list[str]] = {}
    out: list[_Agent] = []
    for line in _clean_lines(path):
        s = line.strip()
        if not s:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.*)$", s)
        if m:
            subs[m.group(1).upper()] = [x.strip().upper() for x in m.group(2).split(",") if x.strip()]
            continue
        code_m = re.search(r"\[([^\]]*)\]", s)
        if not code_m:
            continue
        code = code_m.group(1).replace(" ", "").upper()
        prefix, suffix = (code[:-1], "") if code.endswith("~") else ("", code.lstrip("~"))
        plural_m = re.search(r"\{([^}]*)\}", s)
        name = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", s).strip().upper()
        names = [name]
        for k, vals in subs.items():
            if f"!{k}!" in name:
                names = [n.replace(f"!{k}!", "_" + v + "_") for n in names for v in vals]
        for n in names:
            words = tuple(_split_words(n))
            if not words:
                continue
            out.append(_Agent(words, prefix, suffix))
            if plural_m is None:
                out.append(_Agent(words[:-1] + (_plural(words[-1]),), prefix, suffix))
            else:
                for p in plural_m.group(1).split():
                    out.append(_Agent(tuple(_split_words(p.upper())), prefix, suffix))
    return out


def _read_discards(path: str | Path) -> list[tuple[str, ...]]:
    out = []
    for line in _clean_lines(path):
        s = line.strip().lstrip("+").strip()
        if s:
            out.append(tuple(w.upper() for w in _split_words(s)))
    return out


@dataclass
class CameoDictionaries:
    """Parsed PETRARCH/TABARI dictionaries (any part may be empty)."""

    synsets: dict[str, list[list[str]]] = field(default_factory=dict)
    verbs: list[_Verb] = field(default_factory=list)
    actors: list[_Actor] = field(default_factory=list)
    agents: list[_Agent] = field(default_factory=list)
    discards: list[tuple[str, ...]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self.by_form: dict[str, list[_Verb]] = {}
        self.by_head: dict[str, list[_Verb]] = {}
        for v in self.verbs:
            for f in v.forms:
                self.by_form.setdefault(f, []).append(v)
            self.by_head.setdefault(v.head, []).append(v)
        self.actor_first: dict[str, list[_Actor]] = {}
        for a in sorted(self.actors, key=lambda a: -len(a.words)):
            self.actor_first.setdefault(a.words[0][:3], []).append(a)
        self.discard_first: dict[str, list[tuple[tuple[str, str], ...]]] = {}
        for disc in self.discards:
            forms = tuple((w, _plural(w)) for w in disc)
            for f in forms[0]:
                self.discard_first.setdefault(f, []).append(forms)
        self.agent_first: dict[str, list[_Agent]] = {}
        for g in sorted(self.agents, key=lambda g: -len(g.words)):
            self.agent_first.setdefault(g.words[0], []).append(g)


def load_cameo_dictionaries(verbs: str | Path | None = None, actors: str | Path | None = None,
                            agents: str | Path | None = None, discards: str | Path | None = None,
                            *, activate: bool = True) -> CameoDictionaries:
    """Read PETRARCH/TABARI-format dictionaries; with ``activate`` the events stage uses them."""
    d = CameoDictionaries()
    if verbs:
        d.synsets, d.verbs = _read_verbs(verbs)
        d.sources["verbs"] = str(verbs)
    if actors:
        d.actors = _read_actors(actors)
        d.sources["actors"] = str(actors)
    if agents:
        d.agents = _read_agents(agents)
        d.sources["agents"] = str(agents)
    if discards:
        d.discards = _read_discards(discards)
        d.sources["discards"] = str(discards)
    d._index()
    if activate:
        global _ACTIVE, _ACTIVE_KEY
        _ACTIVE, _ACTIVE_KEY = d, "explicit"
    return d


_ACTIVE: CameoDictionaries | None = None
_ACTIVE_KEY: str | None = None


def clear_cameo_dictionaries() -> None:
    """Back to zufolge's own PLOVER lexicon (environment variables are read again)."""
    global _ACTIVE, _ACTIVE_KEY
    _ACTIVE, _ACTIVE_KEY = None, None


def active_dictionaries() -> CameoDictionaries | None:
    """The loaded dictionaries (explicitly, or from the ZUFOLGE_CAMEO_* variables), if any."""
    global _ACTIVE, _ACTIVE_KEY
    if _ACTIVE_KEY == "explicit":
        return _ACTIVE
    paths = {k: os.environ.get(v) or None for k, v in ENV.items()}
    key = repr(sorted(paths.items()))
    if not paths["verbs"]:
        return None
    if key != _ACTIVE_KEY:
        _ACTIVE = load_cameo_dictionaries(**paths, activate=False)
        _ACTIVE_KEY = key
    return _ACTIVE


def plover_of(code: str | None) -> str | None:
    """PLOVER type of a CAMEO code: the code itself, else its 3- and 2-digit roots, are looked
    up in ``lexicon/cameo_plover.tsv``; None for CAMEO 01/02 and for codes that are not CAMEO
    (the validation suite's test codes such as 345 or 9xx have no type either)."""
    from .lexicon import cameo_to_plover

    if not code:
        return None
    table = cameo_to_plover()
    c = code.strip().upper()
    for k in (c, c[:3], c[:2]):
        if k in table:
            return table[k]
    return None


# ----------------------------------------------------------------------------- coding
@dataclass(frozen=True, slots=True)
class CameoCoding:
    """One coded event: CAMEO code, source and target actor codes, and where they are."""

    event: str
    source: str
    target: str
    verb: tuple[int, int]  # character offsets (in the coded text)
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    sentence: tuple[int, int] = (0, 0)


class _Sent:
    """One sentence: upper-cased words, actor and agent mentions, noun chunks."""

    def __init__(self, toks, d: CameoDictionaries, date: int) -> None:
        self.toks = toks
        self.words = [t.text.upper() for t in toks]
        self.i0 = toks[0].i
        self.d = d
        self.date = date
        self.actors = self._find_actors()  # list of (start, end, codes)
        self.agents = self._find_agents()  # list of (start, end, prefix, suffix)
        self.chunks = []

    def _actor_at(self, i: int):
        w = self.words[i]
        if not self.toks[i].text[:1].isupper():
            return None
        for a in self.d.actor_first.get(w[:3], ()):
            n = len(a.words)
            if i + n > len(self.words):
                continue
            ok = all(self.words[i + k] == a.words[k] for k in range(n - 1))
            last = self.words[i + n - 1]
            if ok and (last == a.words[-1] or (
                    not a.exact_end and last.startswith(a.words[-1]) and len(last) - len(a.words[-1]) <= 3
                    and last.isalpha())):
                codes = [c for c, lo, hi in a.codes if lo <= self.date <= hi
                         and (lo, hi) != (0, 99999999)] if self.date else []
                if not codes:
                    codes = [c for c, lo, hi in a.codes if lo == 0 and hi == 99999999] or \
                            [c for c, _, _ in a.codes[:1]]
                return i + n, codes[0] if codes else "---"
        return None

    def _find_actors(self):
        out = []
        i = 0
        while i < len(self.words):
            hit = self._actor_at(i)
            if hit:
                end, code = hit
                out.append((i, end, code))
                i = end
            else:
                i += 1
        return out

    def _find_agents(self):
        out = []
        i = 0
        taken = {k for a, b, _ in self.actors for k in range(a, b)}
        while i < len(self.words):
            hit = None
            if i not in taken:
                for g in self.d.agent_first.get(self.words[i], ()):
                    n = len(g.words)
                    if tuple(self.words[i:i + n]) == g.words:
                        hit = (i, i + n, g.prefix, g.suffix)
                        break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out


def passive_like(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _expand_codes(code: str) -> list[str]:
    return [c for c in code.split("/") if c] or ["---"]


class _Coder:
    def __init__(self, d: CameoDictionaries) -> None:
        self.d = d

    # -- pattern matching over the word list -------------------------------------------------
    def _seq_at(self, words: list[str], seq: list[str], i: int) -> int | None:
        """End of ``seq`` (words, may hold &synsets) matched at i, or None."""
        for w in seq:
            if w.startswith("&"):
                j = self._syn_at(words, w[1:].rstrip("_"), i)
                if j is None:
                    return None
                i = j
            else:
                if i >= len(words) or words[i] != w.rstrip("_"):
                    return None
                i += 1
        return i

    def _syn_at(self, words, name: str, i: int) -> int | None:
        best = None
        for member in self.d.synsets.get(name, ()):
            j = self._seq_at(words, member, i)
            if j is not None and (best is None or j > best):
                best = j
        return best

    def _elem_at(self, s: _Sent, e: _Elem, i: int) -> int | None:
        if e.kind == "word":
            return self._seq_at(s.words, [e.value], i)
        return self._syn_at(s.words, e.value, i)

    def _match_post(self, s: _Sent, elems, start: int, limit: int, star_end: int):
        p = start
        marks = {}
        score = 0
        for k, e in enumerate(elems):
            joined = e.joined or (k == 0 and False)
            if e.kind in ("src", "tgt", "cmp"):
                a = next((x for x in s.actors if x[0] >= p and x[0] < limit), None)
                if a is None:
                    return None
                marks[e.kind] = a
                p = a[1]
                continue
            if e.kind == "skip":
                ch = next((c for c in s.chunks if c[1] > p), None)
                p = ch[1] if ch else p + 1
                continue
            rng = [p] if joined else range(p, limit)
            hit = None
            for q in rng:
                j = self._elem_at(s, e, q)
                if j is not None and j <= limit:
                    hit = j
                    score += j - q
                    break
            if hit is None:
                return None
            p = hit
        return marks, score

    def _match_pre(self, s: _Sent, elems, end: int, star_joined: bool):
        """Match ``elems`` backwards so that they end before index ``end`` (the verb)."""
        p = end
        marks = {}
        score = 0
        must_touch = star_joined
        for e in reversed(elems):
            if e.kind in ("src", "tgt", "cmp"):
                a = next((x for x in reversed(s.actors) if x[1] <= p), None)
                if a is None:
                    return None
                marks[e.kind] = a
                p = a[0]
                must_touch = e.joined
                continue
            if e.kind == "skip":
                ch = next((c for c in reversed(s.chunks) if c[1] <= p), None)
                p = ch[0] if ch else max(0, p - 1)
                must_touch = e.joined
                continue
            hit = None
            for q in range(p - 1, -1, -1):
                j = self._elem_at(s, e, q)
                if j is not None and (j == p if must_touch else j <= p):
                    hit = q
                    score += j - q
                    break
                if must_touch and q < p - 6:
                    break
            if hit is None:
                return None
            p = hit
            must_touch = e.joined
        return marks, score

    # -- verbs ---------------------------------------------------------------------------------
    def _verb_at(self, s: _Sent, i: int):
        """(verb entry, first index, last index + 1) for the verb at word i, or None."""
        t = s.toks[i]
        if not (t.tag_.startswith("VB") or t.pos_ == "VERB") or t.pos_ == "AUX":
            return None
        w = s.words[i]
        cands = list(s.d.by_form.get(w, ()))
        lemma = t.lemma_.upper()
        if not cands and lemma in s.d.by_head and not w.startswith(lemma[:max(3, len(lemma) - 1)]):
            cands = list(s.d.by_head[lemma])  # irregular forms (broke, fought)
        best = None
        for v in cands:
            a, b = i - len(v.before), i + 1 + len(v.after)
            if a < 0 or b > len(s.words):
                continue
            if tuple(s.words[a:i]) != v.before or tuple(s.words[i + 1:b]) != v.after:
                continue
            if best is None or len(v.before) + len(v.after) > len(best[0].before) + len(best[0].after):
                best = (v, a, b)
        return best

    def _pattern(self, s: _Sent, v: _Verb, a: int, b: int, limit: int):
        best = None
        for pat in v.patterns:
            pre = self._match_pre(s, pat.pre, a, pat.star_joined_pre) if pat.pre else ({}, 0)
            if pre is None:
                continue
            if pat.post:
                post = self._match_post(s, pat.post, b, limit, b)
                if post is None:
                    continue
            else:
                post = ({}, 0)
            marks = {**pre[0], **post[0]}
            weight = pre[1] + post[1]
            if best is None or weight > best[0]:
                best = (weight, pat, marks)
        return best

    # -- noun phrases --------------------------------------------------------------------------
    def _np_codes(self, s: _Sent, head) -> list[tuple[str, tuple[int, int]]]:
        """Codes of the noun phrase headed by ``head``: one per coordinated actor/agent."""
        members = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "NUM"):
                    members.append(c)
                    stack.append(c)
        out: list[tuple[str, tuple[int, int]]] = []
        prev_actors: list = []
        for m in sorted(members, key=lambda t: t.i):
            excl = set()
            for c in m.children:
                if (c.dep_ == "conj" and c in members) or c.dep_ in ("relcl", "acl", "cc"):
                    excl |= {x.i for x in c.subtree}
            idx = sorted(x.i - s.i0 for x in m.subtree if x.i not in excl)
            if not idx:
                continue
            span = set(idx)
            acts = [x for x in s.actors if x[0] in span]
            agents = [x for x in s.agents if x[0] in span]
            if acts:
                first = acts[0]
                group = [first]
                heads = {self._head_of(s, first)}
                for x in acts[1:]:
                    h = self._head_of(s, x)
                    if h.dep_ == "conj" and (h.head.i in {y.i for y in heads}):
                        group.append(x)
                        heads.add(h)
                actor_list = group
            else:
                actor_list = [None]
            if not acts and not agents:
                continue
            if not acts and prev_actors:
                actor_list = prev_actors  # "Danish media and government": shared country
            prev_actors = [x for x in actor_list if x]
            agent_sets = self._agent_alternatives(s, agents)
            for act in actor_list:
                base_codes = _expand_codes(act[2]) if act else ["---"]
                for base in base_codes:
                    for alt in agent_sets:
                        code = base
                        for _, _, pre, suf in alt:
                            if pre and not code.startswith(pre):
                                code = pre + code
                            if suf and suf not in code[3:]:
                                code = code + suf
                        sp = act or (alt[0] if alt else None)
                        out.append((code, (sp[0], sp[1]) if sp else (idx[0], idx[-1] + 1)))
        seen = set()
        return [x for x in out if not (x[0] in seen or seen.add(x[0]))]

    def _head_of(self, s: _Sent, mention):
        toks = s.toks[mention[0]:mention[1]]
        for t in toks:
            if t.head.i < toks[0].i or t.head.i > toks[-1].i or t.head is t:
                return t
        return toks[-1]

    def _agent_alternatives(self, s: _Sent, agents):
        if not agents:
            return [[]]
        groups: list[list] = []
        for g in agents:
            h = self._head_of(s, g)
            for grp in groups:
                if any(h.dep_ == "conj" and h.head.i == self._head_of(s, x).i for x in grp) or \
                        any(self._head_of(s, x).dep_ == "conj" and self._head_of(s, x).head.i == h.i
                            for x in grp):
                    grp.append(g)
                    break
            else:
                groups.append([g])
        # one group with several coordinated agents gives alternatives; the others all apply
        alts: list[list] = [[]]
        for grp in groups:
            if len(grp) == 1:
                alts = [a + grp for a in alts]
            else:
                alts = [a + [g] for a in alts for g in grp]
        return alts

    def _mention_codes(self, s: _Sent, mention) -> list[tuple[str, tuple[int, int]]]:
        head = self._head_of(s, mention)
        # climb to the noun phrase head (compound/poss/amod/appos up to a noun)
        t = head
        for _ in range(4):
            if t.dep_ in ("compound", "poss", "amod", "nmod", "appos", "conj") and t.head is not t \
                    and t.head.pos_ in ("NOUN", "PROPN"):
                if t.dep_ == "conj":
                    break
                t = t.head
            else:
                break
        codes = self._np_codes(s, t)
        return codes or [(c, (mention[0], mention[1])) for c in _expand_codes(mention[2])]

    # -- arguments -----------------------------------------------------------------------------
    def _subject(self, verb):
        t = verb
        for _ in range(6):
            for c in t.children:
                if c.dep_ in ("nsubj", "csubj"):
                    if c.pos_ == "PRON" and t.dep_ in ("ccomp",) and t.head is not t:
                        break
                    return c, False
                if c.dep_ == "nsubjpass":
                    return c, t is verb
            if t.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp", "pcomp", "prep") and t.head is not t:
                t = t.head
                continue
            break
        return None, False

    def _arguments(self, s: _Sent, verb, a: int, b: int, limit: int):
        subj, passive = self._subject(verb)
        sources: list = []
        targets: list = []
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    sources = self._first_np_codes(s, [x.i - s.i0 for x in c.subtree])
            if subj is not None:
                targets = self._np_codes(s, subj)
        elif subj is not None:
            sources = self._np_codes(s, subj)
        if not sources:
            before = [x for x in s.actors if x[1] <= a]
            if before and subj is None:
                sources = self._mention_codes(s, before[-1] if verb.dep_ == "ROOT" else before[0])
        if not targets:
            obj = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
            for o in obj:
                targets = self._first_np_codes(s, sorted(x.i - s.i0 for x in o.subtree))
                if targets:
                    break
        if not targets:
            sub = sorted(x.i - s.i0 for x in verb.subtree if x.i - s.i0 >= b)
            targets = self._first_np_codes(s, sub)
        return sources, targets

    def _first_np_codes(self, s: _Sent, idx):
        span = set(idx)
        acts = [x for x in s.actors if x[0] in span]
        if acts:
            return self._mention_codes(s, acts[0])
        agents = [x for x in s.agents if x[0] in span]
        if agents:
            g = agents[0]
            return [("---" + g[3], (g[0], g[1]))] if g[3] else []
        return []

    # -- a sentence ----------------------------------------------------------------------------
    def code(self, toks, date: int = 0) -> list[CameoCoding]:
        s = _Sent(toks, self.d, date)
        text_words = s.words
        for i, w in enumerate(text_words):
            for disc in self.d.discard_first.get(w, ()):
                n = len(disc)
                if all(i + k < len(text_words) and text_words[i + k] in disc[k] for k in range(n)):
                    return []
        s.chunks = sorted((c.start - s.i0, c.end - s.i0) for c in toks.noun_chunks) \
            if hasattr(toks, "noun_chunks") else []
        out: list[CameoCoding] = []
        taken: set[int] = set()
        coded: set[int] = set()
        for i in range(len(s.words)):
            if i in taken:
                continue
            hit = self._verb_at(s, i)
            if not hit:
                continue
            v, a, b = hit
            verb = s.toks[i]
            if self._governed(verb, coded):
                continue
            limit = max(x.i for x in verb.subtree) - s.i0 + 1
            limit = max(limit, b)
            pm = self._pattern(s, v, a, b, len(s.words))
            code = v.code
            marks = {}
            if pm:
                _, pat, marks = pm
                if pat.code != "+++":
                    code = pat.code
            if code == "###":
                return []
            if not code or code in _NULL:
                continue
            taken |= set(range(a, b))
            coded.add(verb.i)
            sources, targets = self._arguments(s, verb, a, b, limit)
            if "src" in marks:
                sources = self._mention_codes(s, marks["src"])
            if "tgt" in marks:
                targets = self._mention_codes(s, marks["tgt"])
            pairs = []
            compound = "cmp" in marks or (pm and any(e.kind == "cmp" for e in pm[1].pre + pm[1].post))
            if compound and len(sources) >= 2:
                pairs = [(x, y) for x in sources for y in sources if x[0] != y[0]]
            if not pairs and not targets and len(sources) >= 2 and not passive_like(verb):
                # "Gondor and Osgiliath renewed ties": a compound subject without a target
                pairs = [(x, y) for x in sources for y in sources if x[0] != y[0]]
            if not pairs:
                srcs = sources or [("---", None)]
                tgts = targets or [("---", None)]
                pairs = [(x, y) for x in srcs for y in tgts if x[0] != y[0]]
            forward, _, backward = code.partition(":")
            vspan = (s.toks[a].idx, s.toks[b - 1].idx + len(s.toks[b - 1].text))
            sent = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
            for (sc, ss), (tc, ts) in pairs:
                if sc in _NULL or tc in _NULL or (sc.startswith("---") and tc.startswith("---")):
                    continue  # PETRARCH's require_dyad: both sides, one of them an actor
                cs = self._span(s, ss)
                ct = self._span(s, ts)
                out.append(CameoCoding(forward, sc, tc, vspan, cs, ct, sent))
                if backward and not tc.startswith("---"):
                    out.append(CameoCoding(backward, tc, sc, vspan, ct, cs, sent))
        seen = set()
        return [c for c in out if not ((c.event, c.source, c.target) in seen
                                       or seen.add((c.event, c.source, c.target)))]

    @staticmethod
    def _governed(verb, coded: set[int]) -> bool:
        """An infinitive or participle complement of a coded verb ("abandoned efforts to stop",
        "allowed to leave") is part of that verb's event, not an event of its own."""
        t = verb
        for _ in range(4):
            if t.dep_ not in ("xcomp", "acl", "pcomp", "prep", "dobj", "pobj", "auxpass") or t.head is t:
                return False
            t = t.head
            if t.i in coded:
                return True
        return False

    @staticmethod
    def _span(s: _Sent, sp):
        if not sp:
            return None
        a, b = sp
        return (s.toks[a].idx, s.toks[b - 1].idx + len(s.toks[b - 1].text))


def code_cameo(text_or_doc, dictionaries: CameoDictionaries | None = None, date: str | None = None,
               sentences: list[tuple[int, int]] | None = None) -> list[CameoCoding]:
    """CAMEO codings of an English text (or spaCy Doc) with PETRARCH-format dictionaries.

    ``date`` (``YYYYMMDD``) selects date-restricted actor codes; ``sentences`` are character
    ranges to code (default: spaCy's sentences)."""
    d = dictionaries or active_dictionaries()
    if d is None:
        return []
    doc = en_doc(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    day = int(re.sub(r"\D", "", date or "")[:8] or 0)
    coder = _Coder(d)
    out: list[CameoCoding] = []
    if sentences:
        spans = []
        for a, b in sentences:
            sp = doc.char_span(a, b, alignment_mode="expand")
            if sp is not None and len(sp):
                spans.append(sp)
    else:
        spans = list(doc.sents)
    for sp in spans:
        out += coder.code(sp, day)
    return out
