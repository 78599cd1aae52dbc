"""The LangChain wiring: parse → facts lookup → (hybrid retrieval if needed) → compose → LLM.

    question ─► parse ─► facts table lookup ─┬─ settled by facts ──────────────────────┐
                                             └─ else: EnsembleRetriever(Chroma, BM25) ─┴─► compose
                                                                            ─► [LLM + guard] ─► Answer
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.runnables import (
    Runnable,
    RunnableBranch,
    RunnableLambda,
    RunnablePassthrough,
)

from assistant.analysis import analyse, checked_numbers, in_scope, numbers_in
from assistant.answer import (
    abstain,
    closest,
    extractive_answer,
    match_facts,
    numeric_answer,
    select,
)
from assistant.corpus import Corpus
from assistant.followup import resolve
from assistant.intent import FROM_TO
from assistant.kinds import ask_kinds, split_kinds, split_nouns, split_places, split_questions, split_units
from assistant.query import Query, parse
from assistant.rank import Candidate, choose, counts_head, nudge, rank_facts
from assistant.read import read
from assistant.retrieve import build_retriever, known_only
from assistant.terms import term, terms
from assistant.types import Answer
from assistant.vocab import build_vocabulary
from assistant.write import figure_answer
from index.errors import SettingsError
from index.fold import fold
from index.settings import MatchWeights, Settings
from index.store import Store
from index.types import Fact

# What the chain takes: a question, or a question with the figures already given to an
# earlier part of the same question ({"question": ..., "answered": ...}).
Asked = str | dict[str, Any]

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

PROMPTS = Path(__file__).with_name("prompts")
# Bump when Corpus gains or changes what it derives: a cache of another version is rebuilt.
CACHE_VERSION = 19
# The code and data a Corpus is derived by: an upgrade that changes any of them rebuilds the
# cache even when nobody remembered to bump CACHE_VERSION.
_CORPUS_SOURCES = ("corpus.py", "terms.py", "vocab.py", "intent.py", "query.py")


@functools.lru_cache(maxsize=1)
def cache_key() -> str:
    """CACHE_VERSION and a digest of the modules and word lists a Corpus is built by."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CORPUS_SOURCES:
        digest.update((here / name).read_bytes())
    for data in sorted((here / "data").glob("*.json")):
        digest.update(data.read_bytes())
    return f"{CACHE_VERSION}-{digest.hexdigest()[:12]}"


def load_prompt(name: str) -> str:
    """A versioned prompt from ``assistant/prompts`` ("answer.v1")."""
    return (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")


def from_facts(inputs: dict[str, Any], corpus: Corpus, weights: MatchWeights,
               rank: Callable[[Query], list[Candidate]]) -> Answer | None:
    """The answer when the facts table settles the question alone (no passages needed).

    ``rank`` ranks the figures for a question; the strict lexicon path runs it too, when no
    period, event or rate is asked, to see whether a figure of the same noun answers clearly
    better (at thousands of bulletins ranking a common measure costs tens of ms).
    """
    q: Query = inputs["query"]
    if q.number is not None:
        # A bare number asks where that figure comes from.
        facts = match_facts(q, corpus)
        return numeric_answer(q, select(q, facts, corpus), corpus) if facts else abstain(q, corpus)
    keywords = q.keywords  # the figure when the texts state one, else the reader answers
    if q.intent != "figure" and not (q.wh is None and q.keys) and not keywords:
        return None
    lexical = corpus.vocab.lexicon_keys(q.keys)
    threshold = weights.min_fact_score
    unknown_kinds = _unknown_kinds(q, corpus)
    if lexical and unknown_kinds:
        # A kind no text mentions next to a measure the texts count ("trasplantes de
        # intestino", "cáncer de próstata"): another kind's figure would answer another question.
        # A word elsewhere ("el hospital que quedó inservible") only weighs in the ranking.
        return abstain(q, corpus, closest(q, corpus))
    if lexical:
        # The question names measures and kinds the lexicon knows ("trasplantes de córnea"):
        # the strict matcher answers with every figure of exactly that kind.
        facts = match_facts(q, corpus)
        if q.head is not None and facts and not any(
                counts_head(q.head, corpus.fact_head[corpus.index_of(f)]) for f in facts):
            # "¿Cuántos médicos dan consultas?": the lexicon's measure is not what is counted.
            # A ranked figure of the counted noun, of the asked kinds, answers instead; else
            # the strict figures stay ("¿cuántas personas recibieron trasplantes de córnea?").
            kinds = _asked_kinds(q, corpus)
            ranked = [c for c in rank(q)
                      if kinds <= corpus.fact_head[c.index] | corpus.fact_local[c.index]]
            if ranked and ranked[0].score >= weights.min_fact_score \
                    and counts_head(q.head, corpus.fact_head[ranked[0].index]):
                return _ranked_answer(q, corpus, weights, ranked, weights.min_fact_score)
        if facts and q.rates:
            # "¿cuántas ... cada día?": only figures stated per day answer it.
            facts = [f for f in facts if set(q.rates) <= set(
                corpus.fact_rates[corpus.index_of(f)])]
        if facts:
            better = _ranked_instead(q, facts, corpus, weights, rank)
            if better:
                return figure_answer(q.text, better, corpus)
            return numeric_answer(q, select(q, in_scope(q, facts), corpus), corpus)
        # Nothing of exactly that kind (or not for that year): the ranker may still answer,
        # with a figure of that kind, and when the question names a kind ("de córnea") only
        # with one it is sure of — another kind's figure is a wrong answer.
        # Kinds: the lexicon's ("córnea", "VIH"), and words of the measure's noun phrase that
        # no text uses at all ("dentales").
        # The lexicon's kinds are read from the question's keys, not from its Snowball terms,
        # which merge words the lexicon tells apart ("especialistas" and "especialidad").
        kinds = set(q.kinds) | unknown_kinds | {
            t for t in q.content if t not in corpus.terms.df and t in corpus.vocab.kind_terms}
        kinds -= q.type_terms  # "¿cuánto dinero …?" asks for money, of no kind "dinero"
        kinds.discard(q.head)  # the counted noun is no kind of itself
        if q.intent != "figure":
            return abstain(q, corpus, closest(q, corpus))
        ranked = [c for c in rank(q)
                  if kinds <= corpus.fact_head[c.index] | corpus.fact_local[c.index]]
        if kinds:
            threshold = weights.min_fact_score_kinds
        if not ranked or ranked[0].score < threshold:
            # No figure names the kinds in its own clause: one whose sentence, or the sentence
            # before, names them may answer.
            ranked = [c for c in rank(q) if kinds <= _named_near(c.index, corpus)]
        if kinds and ranked and q.head is not None \
                and not counts_head(q.head, corpus.fact_head[ranked[0].index]):
            # "40 unidades de medicina familiar" for "¿cuántas consultas en unidades de
            # medicina familiar?": of the kind, not of the noun counted; only a clear one.
            threshold = weights.min_fact_score_strict
    elif q.intent != "figure" and not keywords:
        return None
    else:
        ranked = rank(q)
        if keywords:
            threshold = weights.min_fact_score_strict  # they may well ask for no figure
    return _ranked_answer(q, corpus, weights, ranked, threshold)


def _ranked_answer(q: Query, corpus: Corpus, weights: MatchWeights, ranked: list[Candidate],
                   threshold: float) -> Answer | None:
    """The best ranked figures when they clear ``threshold``, else an abstention (or None,
    for the reader, when no figure was asked)."""
    chosen = (choose(ranked, weights, corpus, q)
              if ranked and ranked[0].score >= threshold else [])
    if chosen:
        return figure_answer(q.text, chosen, corpus)
    if q.intent != "figure":
        return None
    return abstain(q, corpus, [c.fact for c in ranked[:2] if c.score >= weights.near_score])


def _unknown_kinds(q: Query, corpus: Corpus) -> set[str]:
    """The terms of words no text uses that the question names as the kind of what it counts
    ("detecciones de cáncer de próstata", "cirugías ambulatorias", "nacimientos prematuros"):
    every such word of its noun phrase but a word of state ("camas censables", "disponibles",
    "obras terminadas"), a detail a text may leave out, which weighs in the ranking and gates
    nothing."""
    return {t for u in q.unknown
            if (t := term(u)) not in corpus.terms.df and t in q.asked_phrase
            and t not in q.type_terms and not _STATE.search(u)}


# Words of state: participles ("terminadas", "atendidos") and "-ble" adjectives ("censables",
# "disponibles").
_STATE = re.compile(r"(?:ad|id)[oa]s?$|[ai]bles?$")


def _asked_kinds(q: Query, corpus: Corpus) -> set[str]:
    """The kinds a strict question asks, as the ranked fallback reads them: the lexicon's
    («córnea») and the keys that are no measure («covid»)."""
    return set(q.kinds) | {term(k) for k in q.keys if k not in corpus.vocab.measure}


def _ranked_instead(q: Query, facts: list[Fact], corpus: Corpus, weights: MatchWeights,
                    rank: Callable[[Query], list[Candidate]]) -> list[Candidate]:
    """The ranked answer when it clearly beats every figure of exactly the asked kind: a
    figure of the same counted noun whose kind is named in the sentence before («… camas para
    COVID. Aquí en Sonora reconvertimos 493 camas …») rather than in its own words."""
    if q.period_start or q.period_end or q.event_nums or q.rates:
        return []  # the strict path matches periods, events and rates exactly: keep it
    kinds = _asked_kinds(q, corpus)
    ranked = [c for c in rank(q) if kinds <= _named_near(c.index, corpus)
              and not _other_kind(c.fact, kinds)]
    if not ranked:
        return []
    strict = {corpus.index_of(f) for f in facts}
    best = ranked[0]
    if best.index in strict or best.score < weights.min_fact_score_strict:
        return []
    top_strict = max((c.score for c in ranked if c.index in strict), default=0.0)
    if best.score <= top_strict:
        return []
    counted = set(q.keys) & corpus.vocab.measure
    if not counted & corpus.stems[best.index][0]:
        return []  # another measure: the strict figures stay
    return choose(ranked, weights, corpus, q)


def _other_kind(f: Fact, kinds: set[str]) -> bool:
    """The figure names a kind of its own that is not the asked one («300 camas para
    ginecología» when COVID beds are asked)."""
    return bool(kinds) and f.qualifier is not None and not kinds & set(terms(f.qualifier))


def _named_near(i: int, corpus: Corpus) -> frozenset[str]:
    """The words a figure's kind may be named with: its own words, its sentence and the one
    before («Otra vez: diabetes, hipertensión. Casi el 80 % de la consulta tiene que ver con
    estas enfermedades»)."""
    bag = corpus.fact_head[i] | corpus.fact_local[i]
    s = corpus.fact_sentence.get(i)
    if s is None:
        return bag
    prev, _ = corpus.terms.neighbours(s)
    return bag | corpus.terms.bags[s] | (corpus.terms.bags[prev] if prev is not None
                                         else frozenset())


def _parse(asked: Asked, corpus: Corpus, max_chars: int) -> Query:
    """The chain's input parsed: a question, or ``{"question": ..., "answered": ...}`` for a
    part of a question whose other parts were given those figures already."""
    if isinstance(asked, str):
        return parse(asked, corpus.vocab, max_chars)
    q = parse(asked["question"], corpus.vocab, max_chars)
    return replace(q, answered=frozenset(asked.get("answered") or ()))


def compose(inputs: dict[str, Any], corpus: Corpus, weights: MatchWeights) -> Answer:
    """The answer when the facts table did not settle the question: the best sentence of the
    corpus for the kind of answer asked (the retrieved passages' sentences favoured), else
    abstain."""
    q: Query = inputs["query"]
    docs = known_only(inputs["passages"], inputs["spans"])
    retrieved = {(d.metadata["source"], s) for d in docs
                 for s, e in corpus.sentences.get(d.metadata["source"], [])
                 if d.metadata["start"] <= s < d.metadata["end"]}
    found = None
    if q.bulletin:
        # A bulletin named by its number: the passage scorer knows bulletin numbers.
        found = extractive_answer(q, docs, corpus)
    found = found or read(q, corpus, weights, retrieved)
    if found is None and q.event_nums:
        found = extractive_answer(q, docs, corpus)
    if found is not None:
        return found
    return abstain(q, corpus)


def guard(text: str, answer: Answer) -> bool:
    """True when every number in ``text`` is in the cited quotes or the checked draft answer.

    The draft's own numbers (figures, and the days and years of periods read from the bulletin)
    were composed from the index; a rewrite may repeat them and add none. A computed number
    (sum, difference, percentage change) counts only when its arithmetic holds and each of its
    inputs is a figure of a cited quote.
    """
    allowed = checked_numbers(answer)
    if allowed is None:
        return False
    allowed |= numbers_in(answer.text) | {float(v) for v in answer.values}
    return numbers_in(text) <= allowed


def rephrase(answer: Answer, llm: "BaseChatModel") -> Answer:
    """Let a chat model phrase the answer; keep the extractive one if it adds any number."""
    if answer.abstained or not answer.citations:
        return answer
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import PromptTemplate

    prompt = PromptTemplate.from_template(load_prompt("answer.v1"))
    passages = "\n".join(f"- [{c.source}] {' '.join(c.quote.split())}" for c in answer.citations)
    try:
        text = (prompt | llm | StrOutputParser()).invoke(
            {"question": answer.question, "draft": answer.text, "passages": passages}).strip()
    except Exception:  # noqa: BLE001 - a failing model must not cost the user the answer
        return answer
    if not text or not guard(text, answer):
        return answer
    return replace(answer, text=text)


def chat_model(spec: str) -> "BaseChatModel":
    """A LangChain chat model from "provider:model" (e.g. "ollama:llama3.1")."""
    provider, _, model = spec.partition(":")
    if not model:
        raise SettingsError(f"El modelo «{spec}» debe escribirse proveedor:modelo (ollama:llama3.1).")
    try:
        from langchain.chat_models import init_chat_model

        return init_chat_model(model, model_provider=provider)
    except (ImportError, ValueError) as exc:
        raise SettingsError(f"El modelo de chat «{spec}» no está disponible: {exc}") from None


def load_corpus(store: Store) -> Corpus:
    """What answering needs from the index, from the on-disk cache when it is current.

    Building it reads every bulletin (seconds at thousands of bulletins); the result is saved in
    ``DATA/cache/`` keyed by the index's write generation, so later processes start fast.
    """
    path = store.settings.data_dir / "cache" / "corpus.pickle"
    # One read transaction: an ingest committing meanwhile is either all in or all out.
    with store.snapshot():
        generation = store.generation()
        try:
            # The cache is hundreds of thousands of small objects: the cyclic GC would scan
            # them again and again while they load (0.6 s → 0.25 s at 10,000 bulletins).
            gc.disable()
            try:
                with open(path, "rb") as fh:
                    cached_generation, corpus = pickle.load(fh)
            finally:
                gc.enable()
            if cached_generation == (generation, cache_key()) and isinstance(corpus, Corpus):
                return corpus
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError,
                TypeError):
            pass
        bulletins = {b.source: b for b in store.bulletins()}
        corpus = Corpus(bulletins, store.facts(), store.sentences(), build_vocabulary(store))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with open(partial, "wb") as fh:
            pickle.dump(((generation, cache_key()), corpus), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        pass  # a read-only data folder still answers, only slower to start
    return corpus


class Assistant:
    """Answers questions over one index; rebuilds its caches when the index changes."""

    def __init__(self, settings: Settings, store: Store | None = None,
                 llm: "BaseChatModel | None" = None) -> None:
        self.settings = settings
        self.store = store or Store(settings, create=False)
        self.llm = llm if llm is not None else (chat_model(settings.llm) if settings.llm else None)
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._chain: Runnable[Asked, Answer] | None = None
        self._retrieval: tuple[Any, set[tuple[str, int, int]]] | None = None
        self._corpus: Corpus | None = None

    def chain(self) -> Runnable[Asked, Answer]:
        """The LangChain Runnable for the index as it is now."""
        with self._lock:
            generation = self.store.generation()
            if self._chain is None or generation != self._generation:
                self._retrieval = None
                self._chain = self._build()
                self._generation = generation
            return self._chain

    def corpus(self) -> Corpus:
        """What the chain reads, for the index as it is now (loaded with the chain)."""
        self.chain()
        assert self._corpus is not None
        return self._corpus

    def _retriever(self) -> tuple[Any, set[tuple[str, int, int]]]:
        """The hybrid retriever and the chunk spans it may return, built on first need."""
        with self._lock:
            if self._retrieval is None:
                with self.store.snapshot():
                    spans = {(p.source, p.start, p.end) for p in self.store.passages()}
                    self._retrieval = (build_retriever(self.store, self.settings.top_k), spans)
            return self._retrieval

    def _rank(self, q: Query, corpus: Corpus) -> list[Candidate]:
        """Figures ranked for a figure question; the embedder is asked only when its bonus
        could change the outcome (the runner-up within its reach of the best or of the
        alternatives' margin, or the best near the bar)."""
        if q.intent != "figure" and not q.keywords:
            return []
        w = self.settings.match
        ranked = [c for c in rank_facts(q, corpus, w)
                  if (c.fact.source, c.fact.value_start) not in q.answered]
        if not ranked:
            return ranked
        reach = 1 + w.semantic
        if q.bulletin:
            return ranked  # pinned to one bulletin: the terms decide among its few figures
        if (len(ranked) > 1 and ranked[1].score * reach >= ranked[0].score - w.alt_margin) or (
                ranked[0].score < w.min_fact_score <= ranked[0].score * reach):
            # The embedder's bonus is applied to this ranking, not to a second one.
            ranked = nudge(ranked, self._nearest(q.text, w.semantic_k), w)
        return ranked

    def _nearest(self, question: str, k: int) -> dict[str, list[tuple[int, int, int]]]:
        """The passages the embedder puts nearest the question: source → (start, end, rank)."""
        if k <= 0 or self.settings.match.semantic <= 0:
            return {}
        try:
            docs = self.store.vectorstore().similarity_search(question, k=k)
        except Exception:  # noqa: BLE001 - semantic evidence is a bonus, never a failure
            return {}
        out: dict[str, list[tuple[int, int, int]]] = {}
        for rank, d in enumerate(docs):
            meta = d.metadata
            out.setdefault(str(meta["source"]), []).append(
                (int(meta["start"]), int(meta["end"]), rank))
        return out

    def _build(self) -> Runnable[Asked, Answer]:
        corpus = self._corpus = load_corpus(self.store)
        max_chars = self.settings.max_question_chars
        weights = self.settings.match

        def settle(inputs: dict[str, Any]) -> Answer | None:
            # One ranking per question: a total that the text states is looked for by
            # ``analyse`` and answered by ``from_facts`` from the same ranked figures.
            done: list[tuple[Query, list[Candidate]]] = []

            def rank(q: Query) -> list[Candidate]:
                for asked, ranked in done:
                    if asked is q:  # a Query holds a dict: identity, not a hash, is the key
                        return ranked
                done.append((q, self._rank(q, corpus)))
                return done[-1][1]

            return analyse(inputs["query"], corpus, weights, rank) or from_facts(
                inputs, corpus, weights, rank)

        def retrieve(inputs: dict[str, Any]) -> dict[str, Any]:
            retriever, spans = self._retriever()
            return {**inputs, "passages": retriever.invoke(inputs["query"].text), "spans": spans}

        # Passages are retrieved only when the facts table cannot settle the question.
        chain: Runnable[Any, Any] = (
            RunnableLambda(lambda asked: _parse(asked, corpus, max_chars))
            | RunnableLambda(lambda q: {"query": q})
            | RunnablePassthrough.assign(settled=settle)
            | RunnableBranch(
                (lambda inputs: inputs["settled"] is None,
                 RunnableLambda(retrieve)
                 | RunnableLambda(lambda x: compose(x, corpus, weights))),
                RunnableLambda(lambda inputs: inputs["settled"]),
            )
        )
        if self.llm is not None:
            llm = self.llm
            chain = chain | RunnableLambda(lambda answer: rephrase(answer, llm))
        return chain

    def ask(self, question: str, history: Sequence[str] | None = None) -> Answer:
        """Answer one question (raises QuestionError for questions that cannot be asked).

        Args:
            question: the question as asked.
            history: the earlier questions of the conversation, oldest first. An elliptical
                question ("¿y en 2022?") takes what it leaves out from them; the answer then
                says in ``understood`` what was asked ("trasplantes de riñón, 2022").
        """
        if not history:
            return self._ask_one(question)
        resolved = resolve(question, [h for h in history if isinstance(h, str)])
        if not resolved.followup:
            return self._ask_one(question)
        answer = self._ask_one(resolved.text)
        return replace(answer, question=question.strip(), understood=resolved.understood)

    def _ask_one(self, question: str) -> Answer:
        """One question through the chain; two kinds in it ("de riñón y de córnea"), two
        questions, two units ("en pesos y en porcentaje") or two states ("Veracruz y
        Chiapas") are asked one by one and answered side by side; both ends of one change ("¿de
        qué nivel partió y a cuánto llegó?") are one question."""
        parts = split_kinds(question) or split_nouns(question) or split_questions(question)
        if parts and FROM_TO.search(fold(question)):
            # Both ends read from one sentence answer it whole; else each part on its own
            # ("había 107 salas" and, sentences later, "hoy son 200").
            whole: Answer = self.chain().invoke(question)
            if len(whole.values) == 2 and len(whole.citations) == 1 and not whole.abstained:
                return whole
        # Parts with a label of their own: the unit or the state each one asks of.
        labelled = [] if parts else split_units(question) or split_places(question)
        if parts or labelled:
            return ask_kinds(question, parts or [p for p, _ in labelled],
                             lambda part, answered: self.chain().invoke(
                                 {"question": part, "answered": answered}),
                             [label for _, label in labelled] or None)
        return self.chain().invoke(question)
