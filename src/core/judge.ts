/**
 * Whether the best passage answers the question or is only related to it: how much of the
 * question it holds (and the documents at all), whether it holds the key words, names what was
 * asked in its own text, or sits under a heading the question restates.
 */
import type { DocumentInfo, Paragraph, Spans } from './answer-types.js';
import { type ExpectedAnswer, expectedAnswer } from './asks.js';
import { ENDS_QUESTION } from './blocks.js';
import type { Bm25Index, Concept } from './bm25.js';
import { matchText } from './normalize.js';
import { headingSubject } from './subjects.js';
import { terms, words } from './tokenizer.js';

/** What the judgements read of an engine: its documents, paragraphs, passages and index. */
export interface JudgeView {
  readonly documents: readonly DocumentInfo[];
  readonly paragraphs: readonly Paragraph[];
  readonly spans: Spans;
  readonly index: Bm25Index;
  /** A passage's text as shown. */
  passageText(passage: number): string;
}

/** The judgements of one engine, with what they read once and keep (heading words, titles). */
export class Judge {
  /**
   * The words of each innermost heading (each as its ways to match), for the heading bonus (see
   * Reranker.headingMatch).
   */
  private readonly headingWords = new Map<string, string[][][]>();
  /** Each document's title as terms, read when a title's acronym is asked (see titleHolds). */
  private titleTerms: Map<number, Set<string>> | undefined;

  constructor(private readonly engine: JudgeView) {}

  /**
   * Whether a passage's own text (not its headings) holds a word the question asks with: a
   * passage that matches only by part of the heading above it ("what is the fine for breaking
   * the code of conduct?" against "What is the code of conduct for the mailing lists?" over
   * "for notes on reporting bugs.") says nothing of what was asked. (One whose whole heading
   * the question restates answers it: see restatesHeading.)
   */
  textNames(concepts: readonly Concept[], passage: number): boolean {
    const own = new Set(terms(this.engine.passageText(passage)));
    return concepts.some(
      (c) =>
        !c.optional &&
        !c.context &&
        c.alternatives.some((a) => a.weight > 0 && a.terms.every((t) => own.has(t))),
    );
  }

  /** A heading's words, each as its readings' terms (see Reranker.headingMatch). */
  headingWordsOf(heading: string): string[][][] {
    // Read once per heading (there are no more than the documents have), not on every question.
    let read = this.headingWords.get(heading);
    if (!read) {
      // An option's short form beside its long one (`-r, --release`) is no word a question
      // restates: restating `--release` is restating the heading.
      read = words(headingSubject(heading) || heading, false)
        .filter((w) => !SHORT_OPTION.test(w.written))
        .map((w) => w.alternatives);
      this.headingWords.set(heading, read);
    }
    return read;
  }

  /** Whether the question holds every word of a passage's own heading ("what is the code of conduct?"). */
  restatesHeading(concepts: readonly Concept[], passage: number): boolean {
    const p = this.engine.paragraphs[this.engine.spans.first[passage] as number] as Paragraph;
    const leaf = p.section?.at(-1);
    if (!leaf) return false;
    const asked = askedTerms(concepts);
    const heading = this.headingWordsOf(leaf);
    return (
      heading.length > 0 &&
      heading.every((alternatives) => alternatives.some((ts) => ts.every((t) => asked.has(t))))
    );
  }

  /**
   * Whether the documents pose the question themselves: the passage is the answer under a
   * question heading (a FAQ's "When is the next update?") that the question restates. What it
   * says is their answer, with or without the number or time the question asks for ("There is
   * no fixed schedule"), when the heading asks for the same (a "when" for a "when": "how much
   * does the helper role cost?" is not posed by "How do I get the helper role?").
   */
  posesQuestion(concepts: readonly Concept[], passage: number, asked: ExpectedAnswer): boolean {
    const p = this.engine.paragraphs[this.engine.spans.first[passage] as number] as Paragraph;
    const leaf = p.section?.at(-1);
    return (
      leaf !== undefined &&
      ENDS_QUESTION.test(leaf) &&
      sameKind(expectedAnswer(leaf), asked) &&
      this.restatesHeading(concepts, passage)
    );
  }

  /**
   * Whether a passage holds every key concept of the question (a name, a number, an acronym),
   * a number written onto a word as it is written (`HTTP/2`, not HTTP and a 2 apart).
   */
  holdsKeys(concepts: readonly Concept[], passage: number): boolean {
    let text: string | undefined;
    const compared = (): string => {
      if (text === undefined) text = matchText(this.engine.passageText(passage));
      return text;
    };
    return concepts.every(
      (c) =>
        !c.key ||
        (c.form
          ? c.form.test(compared())
          : c.alternatives.some((a) =>
              a.title !== undefined
                ? this.titleHolds(a.terms, passage) || compared().includes(matchText(a.title))
                : a.terms.every((t) => this.engine.index.holds(t, passage)),
            )),
    );
  }

  /** Whether the title of a passage's document has every one of `named`. */
  private titleHolds(named: readonly string[], passage: number): boolean {
    const doc = (this.engine.paragraphs[this.engine.spans.first[passage] as number] as Paragraph).doc;
    this.titleTerms ??= new Map();
    let title = this.titleTerms.get(doc);
    if (!title) {
      title = new Set(terms(this.engine.documents[doc]?.title ?? ''));
      this.titleTerms.set(doc, title);
    }
    return named.every((t) => (title as Set<string>).has(t));
  }

  /**
   * How much of the question the corpus covers: the idf mass of the found concepts over the
   * mass of all of them, an unknown word weighing as much as a term no passage has.
   */
  coverage(concepts: readonly Concept[], unknown: number): number {
    let found = 0;
    for (const c of concepts) {
      if (c.optional || c.context) continue;
      let best = 0;
      for (const a of c.alternatives) {
        for (const t of a.terms)
          if (this.engine.index.has(t)) best = Math.max(best, a.weight * this.engine.index.idf(t));
      }
      found += best;
    }
    const total = found + unknown * this.engine.index.idf('');
    return total > 0 ? found / total : 0;
  }

  /**
   * How much of the question one passage holds: the idf mass of the concepts it matches (with
   * its best alternative, all of a phrase) over the mass of all the question's concepts. Context
   * (see contextWords) is left out: it ranks, but a passage that lacks it may still answer.
   */
  passageCoverage(concepts: readonly Concept[], passage: number, missing: number): number {
    let held = 0;
    let total = missing * this.engine.index.idf('');
    for (const c of concepts) {
      if (c.optional || c.context) continue;
      let worth = 0;
      let best = 0;
      const rarity = this.engine.index.rarity(c);
      for (const a of c.alternatives) {
        let value = 0;
        const scale = rarity.get(a) ?? 1;
        for (const t of a.terms)
          if (this.engine.index.has(t)) value = Math.max(value, a.weight * scale * this.engine.index.idf(t));
        worth = Math.max(worth, value);
        if (value > best && a.terms.every((t) => this.engine.index.holds(t, passage))) best = value;
      }
      held += best;
      total += worth;
    }
    return total > 0 ? held / total : 0;
  }
}

/** Whether two questions ask for the same kind of answer ("how many can…" and "how many…" alike). */
function sameKind(a: ExpectedAnswer, b: ExpectedAnswer): boolean {
  const kind = (k: ExpectedAnswer) => (k === 'limit' ? 'quantity' : k);
  return kind(a) === kind(b);
}

/** An option's short form as a heading writes it beside the long one: `-r`, `-F`. */
const SHORT_OPTION = /^-\p{L}$/u;

/** Every term a question's concepts can match, with its best weight. */
export function askedTerms(concepts: readonly Concept[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of concepts)
    for (const a of c.alternatives) for (const t of a.terms) out.set(t, Math.max(out.get(t) ?? 0, a.weight));
  return out;
}
