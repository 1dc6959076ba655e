"""In-article coreference and linking: mentions -> entities.

* Mentions with the same gazetteer entry are one entity (its canonical English
  name and Wikidata id).
* A person's surname or family name ("Putin", "Kim") joins the full name met
  elsewhere in the article; unlinked names with the same text join each other.
* A sentence-initial "Er" / "He" / "She" (and "er" right after a finite verb,
  a comma or "dass") refers to the nearest preceding person mention within the
  same or the previous sentence.
* A role noun right before a person name ("Machthaber Kim Jong Un", "der
  Pressesprecher des Pentagon, Major General Pat Ryder") becomes a mention of
  that person.

Example::

    >>> import zufolge
    >>> doc = zufolge.analyze("Kim Jong Un reiste ab. Kim sagte, er sei zufrieden.", raw=True, lang="de")
    >>> [(e.name, [m.text for m in e.mentions]) for e in doc.entities if e.type == "PER"]
    [('Kim Jong Un', ['Kim Jong Un', 'Kim'])]
"""

from __future__ import annotations

from ..schema import Article, Entity
from ..segment import sentence_tokens
from .mentions import Mention, lexicon

__all__ = ["resolve"]

_PRONOUN_PREV = {",", "dass", "daß", "weil", "als", "ob", "wie", "so", "und", "aber", "doch", "wenn"}


def _surname_keys(words: tuple[str, ...]) -> set[str]:
    words = tuple(w for w in words if w[:1].isupper() and w not in ("von", "der", "de", "van", "al"))
    keys: set[str] = set()
    if len(words) >= 2:
        keys.add(words[-1])
        if len(words) >= 3:  # East Asian order: "Kim Jong Un" -> "Kim"
            keys.add(words[0])
    return keys


def _add_surnames(article: Article, mentions: list[Mention], lang: str, sents: list) -> None:
    """Single-token surname mentions the finder missed ("Kim schickt …")."""
    keys: dict[str, Mention] = {}
    for m in mentions:
        if m.type == "PER" and m.kind in ("name", "model"):
            for k in _surname_keys(m.head_tokens):
                keys.setdefault(k, m)
    if not keys:
        return
    # model mentions that are only a surname ("Kim" tagged PER on its own) join the full name
    for m in mentions:
        if m.type == "PER" and m.entry is None and m.kind == "model" and len(m.head_tokens) == 1:
            w = m.head_tokens[0]
            base = w[:-1] if lang == "de" and w.endswith("s") and w[:-1] in keys else w
            ref = keys.get(base)
            if ref is not None and ref is not m:
                m.entry, m.ref, m.kind = ref.entry, ref, "surname"
    taken = [(m.start, m.end) for m in mentions]
    for si, toks in enumerate(sents):
        for k, t in enumerate(toks):
            w = t.text
            base = w[:-1] if lang == "de" and w.endswith("s") and w[:-1] in keys else w
            if base not in keys:
                continue
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            if nxt[:1].isupper() and nxt not in (".",) and k + 1 < len(toks) and toks[k + 1].start == t.end + 1 \
                    and nxt in keys[base].head_tokens:
                continue  # part of the full name, already a mention
            if any(a < t.end and t.start < b for a, b in taken):
                continue
            ref = keys[base]
            mentions.append(Mention(t.start, t.end, "PER", ref.entry, "surname", si, ref, (w,)))
            taken.append((t.start, t.end))


def _add_pronouns(article: Article, mentions: list[Mention], lang: str, sents: list) -> None:
    pronouns = lexicon(lang).get("pronoun", frozenset())
    persons = sorted((m for m in mentions if m.type == "PER" and m.kind != "role"), key=lambda m: m.start)
    if not persons or not pronouns:
        return
    from ..nlp import de_tag

    for si, toks in enumerate(sents):
        tags = de_tag(tuple(t.text for t in toks)) if lang == "de" and toks else None
        for k, t in enumerate(toks):
            if t.text not in pronouns:
                continue
            if t.text[0].islower() and lang == "de":
                prev = toks[k - 1].text if k else ""
                prev_tag = tags[k - 1][2] if tags and k else ""
                if not (prev in _PRONOUN_PREV or prev_tag.endswith("FIN")):
                    continue
            ante = None
            if k > 0:  # inside a clause: the nearest person before it in the same sentence
                for m in persons:
                    if m.sentence == si and m.end <= t.start:
                        ante = m
            if ante is None:  # else the first person (the likely subject) of the sentence before
                for back in (si - 1, si - 2):
                    ante = next((m for m in persons if m.sentence == back and m.kind != "pronoun"), None)
                    if ante is not None:
                        break
            if ante is not None:
                mentions.append(Mention(t.start, t.end, "PER", ante.entry, "pronoun", si, ante, (t.text,)))


def _add_roles(article: Article, mentions: list[Mention], lang: str, sents: list) -> None:
    """A role noun before a person name, with an optional genitive and titles between."""
    lex = lexicon(lang)
    roles, titles = lex.get("role", frozenset()), lex.get("title", frozenset())
    names = [m for m in mentions if m.type == "PER" and m.kind in ("name", "model")]
    for m in names:
        toks = sents[m.sentence]
        idx = next((k for k, t in enumerate(toks) if t.start == m.start), None)
        if idx is None:
            continue
        k = idx - 1
        title_role = None
        while k >= 0 and toks[k].text in titles:
            if toks[k].text in roles:
                title_role = k  # "Präsident Wladimir Putin": the title is the role
            k -= 1
        if title_role is not None:
            mentions.append(Mention(toks[title_role].start, toks[idx - 1].end, "PER", m.entry, "role",
                                    m.sentence, m, tuple(t.text for t in toks[title_role:idx])))
            continue
        if k >= 0 and toks[k].text == ",":
            k -= 1
        # "Pressesprecher des Pentagon": skip a short genitive phrase after the role noun
        end = k
        j = k
        while j >= 0 and j > k - 5 and toks[j].text not in roles:
            if toks[j].text in (",", ".", ";", ":") or toks[j].text in ("und", "and"):
                j = -1
                break
            j -= 1
        if j < 0 or toks[j].text not in roles:
            continue
        if j < k and toks[j + 1].text not in ("des", "der", "von", "of", "the"):
            continue
        mentions.append(Mention(toks[j].start, toks[end].end, "PER", m.entry, "role", m.sentence, m,
                                tuple(t.text for t in toks[j:end + 1])))


def resolve(article: Article, mentions: list[Mention], by: str) -> tuple[Entity, ...]:
    lang = article.language or "de"
    sents = [sentence_tokens(article, i) for i in range(len(article.sentences or ()))]
    _add_surnames(article, mentions, lang, sents)
    _add_roles(article, mentions, lang, sents)
    _add_pronouns(article, mentions, lang, sents)

    # cluster: gazetteer key, else the referenced mention's cluster, else type + text
    cluster_of: dict[int, str] = {}
    order = sorted(mentions, key=lambda m: (m.ref is not None, m.start))
    texts = {id(m): article.text[m.start:m.end] for m in mentions}
    unlinked_names: dict[tuple[str, str], str] = {}
    for m in order:
        if m.entry is not None:
            cluster_of[id(m)] = "gaz:" + m.entry.key
        elif m.ref is not None and id(m.ref) in cluster_of:
            cluster_of[id(m)] = cluster_of[id(m.ref)]
        else:
            t = texts[id(m)]
            key = (m.type, t)
            if lang == "de" and t.endswith("s") and (m.type, t[:-1]) in unlinked_names:
                key = (m.type, t[:-1])
            cluster_of[id(m)] = unlinked_names.setdefault(key, f"txt:{m.type}:{key[1]}")
    clusters: dict[str, list[Mention]] = {}
    for m in mentions:
        clusters.setdefault(cluster_of[id(m)], []).append(m)

    entities: list[tuple[int, Entity]] = []
    for key, ms in clusters.items():
        ms.sort(key=lambda m: (m.start, -m.end))
        named = [m for m in ms if m.kind in ("name", "model", "adjective", "demonym", "prefix", "surname")]
        if not named:
            continue  # only pronouns/roles: nothing to name
        entry = next((m.entry for m in ms if m.entry is not None), None)
        if entry is not None:
            typ, name, qid = entry.type, entry.name, entry.wikidata
            conf = 0.9 if entry.source in ("curated", "countries") else 0.7
        else:
            typ = ms[0].type
            base = [m for m in named if m.kind in ("name", "model")] or named
            name = max((texts[id(m)] for m in base), key=len)
            qid, conf = None, 0.6
        spans, seen = [], set()
        for m in ms:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                spans.append(article.span(m.start, m.end))
        entities.append((ms[0].start, Entity("", typ, name, qid, tuple(spans), by, conf)))
    entities.sort(key=lambda x: x[0])
    return tuple(Entity(f"e{k + 1}", e.type, e.name, e.wikidata, e.mentions, e.by, e.confidence)
                 for k, (_, e) in enumerate(entities))
