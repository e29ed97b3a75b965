/**
 * Retrieval quality on real questions, so it cannot drop silently: the project's own sets over
 * seeds/, an independent FAQ/legal/Markdown corpus written to test layouts the seeds lack, and
 * sets over real documentation nobody here wrote (pino's, undici's, fastify's and Node.js's Markdown docs;
 * curl's plain-text FAQ with the MPL 2.0 text; six npm packages' READMEs side by side; npm's
 * own documentation site; Requests' reStructuredText; The Cargo Book's HTML pages; the GPL and
 * Apache licence texts, and the MPL 1.1, GFDL and Artistic ones; the Debian FAQ and constitution;
 * a project's community files). Each floor is today's figure: a change that loses a question fails here and
 * must say why.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSeeds } from '../../src/core/index.js';
import { evaluate, readCases, type Score, summary } from './evaluate.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Each set's index is kept between runs like the bot keeps its own (a snapshot keyed by the
 * documents, the ranking settings and the core's source, so any change rebuilds it): a run after
 * the first loads it instead of building it again. `npx vitest --clearCache` does not empty it;
 * deleting node_modules/.cache does.
 */
const cacheDir = path.join(root, 'node_modules/.cache/seedbot-quality');

async function score(seeds: string, questions: string): Promise<Score> {
  const { engine } = await openSeeds(path.join(root, seeds), { cacheDir });
  const s = evaluate(readCases(path.join(root, questions)), (q) => engine.answer(q, { limit: 5 }));
  console.log(`${questions}: ${summary(s)}${s.misses.length ? `\n  ${s.misses.join('\n  ')}` : ''}`);
  return s;
}

/** Floors: hit@1, hit@3, unanswerable questions left without a direct answer, answerable ones refused at most. */
const SETS = [
  ['seeds', 'test/quality/seeds-questions.jsonl', { hit1: 27, hit3: 27, abstained: 0, refused: 0 }],
  [
    'seeds',
    'test/quality/seeds-reader.jsonl',
    // refused 3 -> 4 with one rarity per concept: R06 now finds the right passage first but holds
    // too little of the question ("gains", "teaming" are nowhere) for a direct answer. Refused
    // 4 -> 3: "Americans" found through the alias America (a people's word matching its place).
    { hit1: 17, hit3: 20, abstained: 4, refused: 3 },
  ],
  [
    'seeds',
    // A second reader's set, written blind (see seeds-reader-2.PROVENANCE.md) and committed before
    // the bot was run on it. First run: 17/24, 21/24, 5/8, 5/24. Refused 5 -> 4: a typo in a part
    // of a hyphenated name corrected ("al-Bagdadi").
    'test/quality/seeds-reader-2.jsonl',
    { hit1: 17, hit3: 21, abstained: 5, refused: 4 },
  ],
  [
    'test/fixtures/eval-corpus',
    'test/fixtures/eval-corpus/questions.jsonl',
    // hit@1 26 -> 27, hit@3 30 -> 29: a plain-text lead-in ending with a colon travels with the
    // text block after it (a key fob question's clause fell from third to fifth).
    { hit1: 27, hit3: 29, abstained: 0, refused: 0 },
  ],
  [
    'test/fixtures/docs-pino/docs',
    'test/fixtures/docs-pino/questions.jsonl',
    // abstained 2 -> 3: a number written onto a word must be found so written ("10%", P35);
    // 3 -> 4: "how much does it cost?" needs an amount of money or "free" (P33). hit@1 23 -> 24:
    // "numbers like 30" gives 30 as an example, not as what a passage must hold (P03).
    // hit@1 24 -> 25: "turn on" also finds `enable` (phrasal verbs).
    { hit1: 25, hit3: 28, abstained: 4, refused: 1 },
  ],
  [
    'test/fixtures/faq-curl/docs',
    'test/fixtures/faq-curl/questions.jsonl',
    // refused 4 -> 5 with typos that are slips of the hand: F03's "login" was read as `logic`
    // (n and c lie apart) and the answer went through; now "login" is missing from the FAQ.
    // refused 5 -> 4: a word typed with a letter left out (`redistibute`) is no name.
    { hit1: 20, hit3: 25, abstained: 7, refused: 4 },
  ],
  [
    // Held out: written after the ranking was tuned on the sets above (see its PROVENANCE.md).
    'test/fixtures/docs-undici/docs',
    'test/fixtures/docs-undici/questions.jsonl',
    // abstained 1 -> 2: "oauth" is no longer read as `auth` (an o typed before a is no slip);
    // 2 -> 3: "http/3" is not HTTP and a 3 apart (U31). hit@1 13 -> 14, hit@3 18 -> 19: "how can
    // i stream a download straight into a file?" (no "download" in the documents) lists the
    // streaming passages, as related only, where it had no result at all.
    { hit1: 14, hit3: 19, abstained: 3, refused: 4 },
  ],
  [
    // Held out: committed before the bot was run on it (see its PROVENANCE.md).
    'test/fixtures/readmes/docs',
    'test/fixtures/readmes/questions.jsonl',
    // hit@3 18 -> 19 with code-only passages scaled by codeWeight (M09). hit@1 14 -> 15: in
    // "brace expansion like {1..3}" the numbers are an example (M12).
    // hit@1 15 -> 16: titleWeight 1.5.
    { hit1: 16, hit3: 19, abstained: 3, refused: 2 },
  ],
  [
    // Held out: written before the bot was run on it (see its PROVENANCE.md).
    'test/fixtures/docs-npm/docs',
    'test/fixtures/docs-npm/questions.jsonl',
    // abstained 1 -> 2: "pypi" is no longer read as `gypi` (config.gypi).
    // hit@1 8 -> 9 with code-only passages scaled by codeWeight (N02: the synopsis no longer
    // outranks the description); abstained 2 -> 3: "what's the maximum size…" asks for a number;
    // 3 -> 4: "how much does … cost per month?" asks for an amount of money (N33).
    // hit@1 9 -> 11, hit@3 20 -> 19: a long section's short paragraphs packed into passages of
    // up to 500 characters.
    // hit@3 19 -> 21: titleWeight 1.5.
    // hit@1 11 -> 12: "how does X work / when should I use X" read as "what is X".
    { hit1: 12, hit3: 21, abstained: 4, refused: 1 },
  ],
  [
    // Held out: Sphinx documentation in reStructuredText, questions committed before the bot
    // read .rst files (see its PROVENANCE.md).
    'test/fixtures/docs-requests/docs',
    'test/fixtures/docs-requests/questions.jsonl',
    // abstained 4 -> 5: "HTTP/2" is not HTTP and a 2 apart (R33).
    // hit@1 21 -> 23, refused 1 -> 2: titleWeight 1.5.
    { hit1: 23, hit3: 29, abstained: 5, refused: 2 },
  ],
  [
    // Held out: The Cargo Book as rendered HTML pages, questions committed before the bot read
    // .html files (see its PROVENANCE.md).
    'test/fixtures/docs-cargo/docs',
    'test/fixtures/docs-cargo/questions.jsonl',
    // abstained 5 -> 6: "how much does it cost to host…" asks for an amount of money (K38).
    // hit@1 14 -> 15: phrasal verbs ("turn on" → enable).
    // hit@1 15 -> 14: a long section's short paragraphs packed into passages of up to 500
    // characters ("how do I add a dependency?" now gets cargo add's packed options first).
    // hit@1 14 -> 15: titleWeight 1.5.
    // hit@1 15 -> 14: a lead-in travels with its code in a list too long for one passage; K15's
    // top two passages, neither of them changed, swap places at 11.11 against 11.11.
    { hit1: 14, hit3: 20, abstained: 6, refused: 0 },
  ],
  [
    // Held out: 10 pages of the Node.js API reference, questions committed before the bot was
    // run on them (see its PROVENANCE.md).
    'test/fixtures/docs-node/docs',
    'test/fixtures/docs-node/questions.jsonl',
    // hit@3 21 -> 22: a keyboard shortcut is a term of its own ("ctrl+c", J27).
    // hit@3 22 -> 20: titleWeight 1.5.
    { hit1: 13, hit3: 20, abstained: 4, refused: 1 },
  ],
  [
    // Held out: the GPL-3.0 and Apache-2.0 texts, questions committed before the bot was run on
    // them (see its PROVENANCE.md). Refused 7 -> 3 when an acronym names what it stands for.
    // hit@3 17 -> 18: the trademark question (no "project" or "fork" in the licences) gets
    // related passages where it had none.
    // hit@1 11 -> 14, hit@3 18 -> 16, refused 3 -> 2: the numbered titles closed by a full stop
    // (`8. Termination.`) and the centred headings are sections; the passages under "How to
    // Apply These Terms to Your New Programs" now share its words, and two answers in the
    // definitions and in section 14 fell from second place out of the top three.
    // hit@1 14 -> 15: a sentence that blank lines cut stays one passage.
    // hit@3 16 -> 17: short paragraphs of a long section packed into passages of up to 500
    // characters.
    'test/fixtures/licenses/docs',
    'test/fixtures/licenses/questions.jsonl',
    // Refused 2 -> 1: "…for my fork?" says whose fork; the licence need not name one.
    { hit1: 15, hit3: 17, abstained: 5, refused: 1 },
  ],
  [
    // Held out: 18 pages of fastify's docs folder (server options as headings with `+ Default:`
    // lines, raw HTML, anchors), questions committed before the bot was run on them (see its
    // PROVENANCE.md). First run: 8/25, 11/25, 5/5, 0/25; 9, 12 with phrasal verbs ("how do I
    // turn on logging?" → "Enable logging by passing…"); 10, 13 with `HTTP/2` found by "http2".
    'test/fixtures/docs-fastify/docs',
    'test/fixtures/docs-fastify/questions.jsonl',
    { hit1: 10, hit3: 13, abstained: 5, refused: 0 },
  ],
  [
    // Held out: highlight.js's Markdown files (a table of 300 languages, upgrade guides, a 156 KB
    // changelog), questions committed before the bot was run on them (see its PROVENANCE.md).
    // First run: 7/14, 12/14, 1/4, 0/14. hit@3 12 -> 13: short paragraphs of a long section
    // packed into passages of up to 500 characters. hit@1 7 -> 8: a change log's passages count
    // less when the question asks nothing about versions or changes.
    'test/fixtures/docs-hljs/docs',
    'test/fixtures/docs-hljs/questions.jsonl',
    { hit1: 8, hit3: 13, abstained: 1, refused: 0 },
  ],
  [
    // Held out: Git's FAQ and six of its manual pages as HTML (Debian's git-doc), questions
    // committed before the bot was run on them (see its PROVENANCE.md). First run: 7/20,
    // 12/20, 5/5, 1/20. hit@1 7 -> 8: definition terms in a row (`-u`, `--include-untracked`,
    // `--no-include-untracked`) head their definition together.
    'test/fixtures/docs-git/docs',
    'test/fixtures/docs-git/questions.jsonl',
    // hit@1 8 -> 9: titleWeight 1.5. 9 -> 10: a FAQ question restated whole counts twice
    // (questionHeadingFactor).
    { hit1: 10, hit3: 12, abstained: 5, refused: 1 },
  ],
  [
    // Held out: Debian's social contract and mailing-list rules, questions committed before
    // the bot was run on them (see its PROVENANCE.md). First run: 8/14, 11/14, 3/4, 0/14; with
    // a lead-in ending with "to" no longer taken for a heading: 8, 13, 2 (the directory of
    // lists, read right, answers "how many people are subscribed to debian-user?"), 0.
    'test/fixtures/debian-community/docs',
    'test/fixtures/debian-community/questions.jsonl',
    // hit@3 13 -> 12, declined 2 -> 3: titleWeight 1.5.
    // hit@1 8 -> 9, hit@3 12 -> 13: the directory of lists read as entries with fields (each
    // its own section; found reading this set's misses), a hyphenated list name matched joined
    // in its address, and a hyphenated name with a part no dictionary has made a key.
    { hit1: 9, hit3: 13, abstained: 3, refused: 0 },
  ],
  [
    // Held out: the Debian FAQ (hard-wrapped, numbered questions over up to three lines, a
    // table of contents) and the Debian constitution, questions committed before the bot was
    // run on them (see its PROVENANCE.md). First run: 8/22, 15/22, 1/5, 1/22; with its
    // wrapped questions read as headings and its table of contents dropped: 12, 16, 1, 1.
    // Declined 1 -> 2: a passage whose text names nothing asked, only part of its heading
    // ("…code of conduct for the mailing lists?" over "for notes on reporting bugs."), is no
    // direct answer.
    'test/fixtures/debian/docs',
    'test/fixtures/debian/questions.jsonl',
    // hit@3 16 -> 17: titleWeight 1.5. Refused 1 -> 0: a long section's short paragraphs
    // packed into passages of up to 500 characters. hit@3 17 -> 16: the constitution's clauses
    // numbered afresh under `6.3. Procedure` nested under it, no longer top-level sections (its
    // passages name the Technical Committee in their heading path: five of them tie within 1%).
    // hit@3 16 -> 15: its appendix read as `A. Standard Resolution Procedure` over `A.1.`…, not
    // under `9.3. Trusted organisations`; the heading's "Resolution" lifts a sibling clause over
    // the one giving the discussion period (fourth, 0.97 of the third).
    { hit1: 12, hit3: 15, abstained: 2, refused: 0 },
  ],
  [
    // Held out: the MPL 1.1, GFDL 1.3 and Artistic licence texts, questions committed before the
    // bot was run on them (see its PROVENANCE.md). First run: 9/18, 12/18, 4/4, 6/18; with their
    // sections read (the same change as above): 9, 12, 3 (a price question now gets the MPL's
    // warranty disclaimer, which names "cost", as an answer), 6. hit@1 9 -> 11, hit@3 12 -> 14: a
    // paragraph defining a term in quotes answers "what counts as X?" (written after seeing
    // those two misses). Refused 6 -> 4: "GFDL", written nowhere, names the document whose
    // title it abbreviates. hit@1 11 -> 12, hit@3 14 -> 15, refused 4 -> 3: short paragraphs
    // of a long section packed into passages of up to 500 characters. Refused 3 -> 1: a
    // passage holds the title its document's acronym names, in whatever section it is. hit@1
    // 12 -> 13: only a short paragraph is a label that opens a packed passage.
    'test/fixtures/licenses-2/docs',
    'test/fixtures/licenses-2/questions.jsonl',
    // hit@1 13 -> 12: "Definitions:" travels with the first definition, and that passage passes
    // the clause that answers "what do I have to do if I modify the package…?" (6.36 to 6.01).
    { hit1: 12, hit3: 15, abstained: 3, refused: 1 },
  ],
  [
    // Held out: the Markdown files of the npm package date-fns 4.4.0 (a docs folder, a 123 KB
    // changelog), questions committed before the bot was run on them, after that day's
    // other changes (see its PROVENANCE.md). First run: 13/28, 20/28, 2/5, 2/28; the code of
    // that day's start gave 14/28, 19/28, 2/5, 2/28. 16, 21, 3/5 since: the changelog's
    // passages count less when the question asks nothing about versions or changes (so the set
    // is no longer wholly held out).
    'test/fixtures/docs-datefns/docs',
    'test/fixtures/docs-datefns/questions.jsonl',
    // hit@1 16 -> 17, hit@3 21 -> 22: a hyphenated name in an address matched joined too.
    // hit@3 22 -> 21: a numbered list keeps its items' numbers ("what is rule 3?"), and D28's
    // release steps moved from third to fourth.
    { hit1: 17, hit3: 21, abstained: 3, refused: 2 },
  ],
  [
    // Held out: a Discord community's own documents (Python Discord's rules, FAQ, code of
    // conduct and guides), questions as members ask them committed before the bot was run on
    // them (see its PROVENANCE.md). First run: 18/28, 22/28, 5/8, 2/28; the code of that day's
    // start gave 17/28, 22/28, 5/8, 3/28. hit@1 18 -> 19: a FAQ question restated whole
    // counts twice (questionHeadingFactor), so the set is no longer wholly held out.
    'test/fixtures/community-pydis/docs',
    'test/fixtures/community-pydis/questions.jsonl',
    // hit@1 19 -> 20, refused 2 -> 3: with its numbers, the numbered rules page answers Y07
    // first, as related passages only.
    { hit1: 20, hit3: 22, abstained: 5, refused: 3 },
  ],
  [
    // Held out: seven pages of Godot's documentation in reStructuredText (its FAQ, release
    // policy, system requirements, troubleshooting, licence compliance, community channels and
    // ways to contribute), questions as a game developers' server asks them, committed before
    // the bot was run on them (see its PROVENANCE.md). First run: 17/28, 22/28, 5/8, 7/28; the
    // code of that day's start gave 17/28, 22/28, 5/8, 6/28 (its one more refusal: the FAQ
    // entry the question restates, now first, does not name the C++ the asker knows). Refused
    // 7 -> 6: "gonna" is chat, not a word the documents lack.
    'test/fixtures/faq-godot/docs',
    'test/fixtures/faq-godot/questions.jsonl',
    // hit@1 17 -> 16: a numbered list keeps its items' numbers, and Z10's near tie flipped.
    { hit1: 16, hit3: 22, abstained: 5, refused: 6 },
  ],
  [
    // Held out: eight pages of the Kubernetes community's chat, moderation, meeting and
    // mailing-list guidelines, questions as a project's Slack or Discord asks them, committed
    // before the bot was run on them (see its PROVENANCE.md). First run: 11/28, 16/28, 5/8,
    // 6/28, as the code of that day's start. 12, 17 since: "supposed" (in
    // "what am I supposed to do") is chat, not a word the documents lack. 13, 18 since: a
    // mention of a stop word (`@here`, `@everyone`) is a term (found reading this set's misses).
    'test/fixtures/community-k8s/docs',
    'test/fixtures/community-k8s/questions.jsonl',
    // Refused 6 -> 5: "…a survey for my masters thesis" says why the asker asks.
    { hit1: 13, hit3: 18, abstained: 5, refused: 5 },
  ],
  [
    // Held out: axios's README (108 KB, a request configuration documented as one commented
    // code block), migration guide and changelog, questions as a help channel asks them,
    // committed before the bot was run on them (see its PROVENANCE.md). First run (2026-12-02):
    // 13/28, 18/28, 5/6, 6/28.
    'test/fixtures/docs-axios/docs',
    'test/fixtures/docs-axios/questions.jsonl',
    { hit1: 13, hit3: 18, abstained: 5, refused: 6 },
  ],
  [
    // Held out: concurrently's README and docs folder (one page per group of command-line
    // options), questions committed before the bot was run on them (see its PROVENANCE.md).
    // First run (2026-12-02): 8/22, 13/22, 5/5, 5/22.
    'test/fixtures/docs-concurrently/docs',
    'test/fixtures/docs-concurrently/questions.jsonl',
    // refused 5 -> 4: a word typed with a letter left out (`exlude`) is no name.
    { hit1: 8, hit3: 13, abstained: 5, refused: 4 },
  ],
  [
    // Held out: four Chinese and Japanese READMEs from npm, questions in those languages
    // committed before the bot read such text (see its PROVENANCE.md). First run: 0/28, 1/28,
    // 5/5, 28/28 (no question found anything: a clause was one word); since their text is read
    // by pairs of characters: 18/28, 27/28, 5/5, 7/28; 19/28 since long runs are read whole and
    // a character counts alone where no pair holds it.
    'test/fixtures/readmes-cjk/docs',
    'test/fixtures/readmes-cjk/questions.jsonl',
    { hit1: 19, hit3: 27, abstained: 5, refused: 7 },
  ],
  [
    // Held out: the Debian FAQ in German, the English set's questions asked in German,
    // committed before any change for it (see its PROVENANCE.md). First run: 10/18, 12/18, 5/5,
    // 4/18; 11/18 and 13/18 since `Kapitel 1.` is a chapter and a question of four lines a
    // heading (the table of contents is dropped).
    'test/fixtures/debian-de/docs',
    'test/fixtures/debian-de/questions.jsonl',
    // hit@3 13 -> 15: a hyphenated word ranks by the parts the documents hold; `gefolgt von`
    // joins the commands around it.
    // hit@3 15 -> 14: lead-ins travelling with what they introduce (see eval-corpus).
    { hit1: 11, hit3: 14, abstained: 5, refused: 4 },
  ],
  [
    // Held out: the Debian FAQ in French (some chapters still in English), questions written
    // after the changes for the German set, before the bot was run on them (see its
    // PROVENANCE.md): 10/16, 11/16, 4/5, 3/16, as with the code before those changes.
    'test/fixtures/debian-fr/docs',
    'test/fixtures/debian-fr/questions.jsonl',
    // hit@3 11 -> 12, refused 3 -> 2: elisions split off (l'installateur), a verb with its
    // pronoun after it read by the verb (ai-je, enregistre-t-elle).
    // hit@3 12 -> 13: lead-ins travelling with what they introduce.
    { hit1: 10, hit3: 13, abstained: 4, refused: 2 },
  ],
  [
    // Held out: the Debian FAQ in Korean (parts still in English), questions written after the
    // changes for such text, before the bot was run on them (see its PROVENANCE.md): 6/12, 8/12,
    // 4/5, 3/12; the code before reading such text gave 0/12, 5/12, 5/5, 12/12. hit@3 8 -> 7
    // once question words are known with their endings (하나요 was read as 하나, "one"): K11's
    // passage from 2nd to 4th.
    'test/fixtures/debian-ko/docs',
    'test/fixtures/debian-ko/questions.jsonl',
    // refused 3 -> 2: a particle of two syllables written onto a Latin word (stable이랑).
    // hit@1 6 -> 7, hit@3 7 -> 8, refused 2 -> 1: lead-ins travelling with what they introduce.
    { hit1: 7, hit3: 8, abstained: 4, refused: 1 },
  ],
  [
    // Held out: the Debian FAQ in Russian, committed before any change for it (see its
    // PROVENANCE.md): 6/10, 6/10, 5/5, 6/10 first; 7/10, 7/10, 5/5, 1/10 since Cyrillic words
    // are stemmed and read as words, not names; refused 1 -> 2 once `как` phrases a question
    // whatever the documents' language (R01 now lists related passages for "запретить"); 2 -> 3
    // once no word in another script than Latin is typo-corrected (R01's "запретить", forbid,
    // was read as `запустить`, launch, and answered).
    'test/fixtures/debian-ru/docs',
    'test/fixtures/debian-ru/questions.jsonl',
    { hit1: 7, hit3: 7, abstained: 5, refused: 3 },
  ],
  [
    // Held out: the READMEs of commander, nodemon, winston and ioredis (MIT), questions written
    // by someone who had not seen the bot's answers and committed before it was run on them
    // (see its PROVENANCE.md). First run (2026-12-02): 15/28, 17/28, 4/6, 7/28.
    'test/fixtures/readmes-2/docs',
    'test/fixtures/readmes-2/questions.jsonl',
    // refused 7 -> 6: a word typed with a letter left out (`acepting`) is no name. hit@1 15 -> 16,
    // hit@3 17 -> 18: in a message that asks nothing, the sentences before the last are stated,
    // not context.
    { hit1: 16, hit3: 18, abstained: 4, refused: 6 },
  ],
  [
    // Held out: the zsh FAQ and screen's FAQ (plain text: a Usenet header, `1.6:` numbered
    // questions, hanging indents, `Q:`/`A:` pairs), questions written by someone who had not
    // seen the bot's answers and committed before it was run on them (see its PROVENANCE.md).
    // First run (2026-12-02): 11/28, 15/28, 3/6, 9/28. hit@3 15 -> 14 once `1.6:` headings,
    // `1. )` items, the header of fields and the dateline were read for what they are (the
    // sections are right now; near ties moved).
    'test/fixtures/faq-zsh-screen/docs',
    'test/fixtures/faq-zsh-screen/questions.jsonl',
    // hit@1 11 -> 12, hit@3 14 -> 15: "what's the zsh version of that?" points back. hit@1
    // 12 -> 13: `ctrl-s` is written so only with its parts in that order (not any passage with
    // "ctrl" and an "s").
    { hit1: 13, hit3: 15, abstained: 3, refused: 9 },
  ],
  [
    // Held out: markdownlint's docs folder (62 Markdown files: README, custom rules, a page per
    // rule and all rules again in one page, changelog), questions written by someone who had
    // not seen the bot's answers and committed before it was run on them (see its
    // PROVENANCE.md). First run (2026-12-02): 14/28, 19/28, 3/6, 5/28.
    'test/fixtures/docs-markdownlint/docs',
    'test/fixtures/docs-markdownlint/questions.jsonl',
    // hit@1 14 -> 15: "is there a known setup for that?" points back. hit@1 15 -> 16, hit@3
    // 19 -> 20: in a message that asks nothing, the sentences before the last are stated, not
    // context (L15's problem, told before its closing aside, now ranks first). hit@1 16 -> 15:
    // `link-fragments` is written so only with its parts in that order, and L20's passage had
    // the bonus for holding "link" and "fragments" apart.
    { hit1: 15, hit3: 20, abstained: 3, refused: 5 },
  ],
  [
    // Held out: the LGPL-2.1, GPL-2.0, CC0-1.0 and BSD texts as Debian ships them, licensing
    // questions as a server's #licensing channel asks them ("can i keep my game closed
    // source?"), committed before the bot was run on them (see its PROVENANCE.md). First run
    // (2026-12-02): 6/28, 6/28, 6/6, 22/28: the texts never write LGPL, GPL or BSD, and the
    // questions never write their legal words. 6/28, 7/28, 6/6, 21/28 since a title in
    // capitals and a file's name give their acronyms and the terms' two-line title closes the
    // Preamble.
    'test/fixtures/licenses-3/docs',
    'test/fixtures/licenses-3/questions.jsonl',
    // hit@3 7 -> 8: capitals in a title give no joining words as letters (`OF`, `AND`).
    // hit@3 8 -> 7: a lead-in travelling with the first of its long items makes longer passages
    // of the LGPL's conditions (two questions out of the top five, two up).
    { hit1: 6, hit3: 7, abstained: 6, refused: 21 },
  ],
  [
    // Held out: semantic-release's docs folder (36 Markdown files: usage, CI recipes, plugins,
    // FAQ, troubleshooting, developer guide), questions as a CI help channel asks them, pasted
    // errors and all, committed before the bot was run on them (see its PROVENANCE.md). First
    // run (2026-12-02): 9/28, 17/28, 5/6, 8/28.
    'test/fixtures/docs-semrel/docs',
    'test/fixtures/docs-semrel/questions.jsonl',
    { hit1: 9, hit3: 17, abstained: 5, refused: 8 },
  ],
  [
    // Held out: eslint-plugin-jsx-a11y's README and its 39 rule pages (MIT), questions written by
    // someone who had not seen the bot's answers and committed before it was run on them (see
    // its PROVENANCE.md). First run (2026-12-02, evening): 13/22, 17/22, 3/6, 5/22, the same
    // with and without that day's reading of a message that asks nothing.
    'test/fixtures/docs-jsxa11y/docs',
    'test/fixtures/docs-jsxa11y/questions.jsonl',
    { hit1: 13, hit3: 17, abstained: 3, refused: 5 },
  ],
  [
    // Held out: the Midnight Commander FAQ (plain text, hard-wrapped, questions numbered 1.1 to
    // 12.3, GPL-3+), questions written by someone who had not seen the bot's answers and
    // committed before it was run on them (see its PROVENANCE.md). First run (2026-12-02,
    // evening): 18/22, 22/22, 5/6, 10/22.
    'test/fixtures/faq-mc/docs',
    'test/fixtures/faq-mc/questions.jsonl',
    // hit@1 18 -> 19: "can mc's ftp go through that?" points back (found on this set).
    // hit@1 19 -> 20: lead-ins travelling with what they introduce.
    { hit1: 20, hit3: 22, abstained: 5, refused: 10 },
  ],
  [
    // A project's contribution guide, code of conduct and security policy (a development set:
    // see its PROVENANCE.md).
    'test/fixtures/community/docs',
    'test/fixtures/community/questions.jsonl',
    // hit@1 8 -> 9, hit@3 9 -> 10: "can I ask usage questions in the issue tracker?" gets
    // related passages, the right one first, where it had none.
    // hit@3 10 -> 11: titleWeight 1.5. 11 -> 10: a numbered list keeps its items' numbers.
    { hit1: 9, hit3: 10, abstained: 3, refused: 1 },
  ],
] as const;

describe('retrieval quality', () => {
  for (const [seeds, questions, floor] of SETS) {
    it(`${questions}: hit@1 >= ${floor.hit1}, hit@3 >= ${floor.hit3}, honest about what it cannot answer`, async () => {
      const s = await score(seeds, questions);
      expect(s.hit1).toBeGreaterThanOrEqual(floor.hit1);
      expect(s.hit3).toBeGreaterThanOrEqual(floor.hit3);
      expect(s.abstained).toBeGreaterThanOrEqual(floor.abstained);
      expect(s.refused).toBeLessThanOrEqual(floor.refused);
      // Questions about nothing in the documents get no result at all, and those about what only
      // touches them ("a tax refund" where a page mentions refunds) no direct answer; no excerpt
      // shows twice.
      expect(s.negativesWrong).toBe(0);
      expect(s.duplicates).toBe(0);
    });
  }
});

/**
 * The same questions as people type them in a chat: inside a greeting and thanks, after a
 * mention, with a sentence of context or an aside about the asker, a URL or an address, in
 * capitals, with an emoji. Each must score as the bare questions do, give or take two (the
 * frames add words that rank). Before these were read for what they are, a mention alone
 * refused every question.
 */
const FRAMES: readonly [string, (q: string) => string][] = [
  ['hey guys, … thx', (q) => `hey guys, ${q} thx`],
  ['Quick question: … Any help appreciated!', (q) => `Quick question: ${q} Any help appreciated!`],
  ['<@mention> ok so …', (q) => `<@123456789012345678> ok so ${q}`],
  ['@docsbot so basically …', (q) => `@docsbot so basically ${q}`],
  ['> a quoted line, then …', (q) => `> my boss asked me this\n${q}`],
  ['hey @docsbot … cc @maintainers', (q) => `hey @docsbot ${q} cc @maintainers`],
  ['… (v4.2.0)', (q) => `${q} (v4.2.0)`],
  ['Hey, sorry to bother: … Cheers, Tom', (q) => `Hey, sorry to bother: ${q} Cheers, Tom`],
  ['Not sure if this is the right channel, but …', (q) => `Not sure if this is the right channel, but ${q}`],
  ["I'm using it with Node 20. …", (q) => `I'm using it with Node 20. ${q}`],
  ['… for https://…', (q) => `${q.replace(/\?$/, '')} for https://api.example.com/v1/items?`],
  ['IN CAPITALS', (q) => q.toUpperCase()],
  ["… (I'm on Linux)", (q) => `${q} (I'm on Linux)`],
  ['I am on the latest version. …', (q) => `I am on the latest version. ${q}`],
  ['… Thanks!! 🙂', (q) => `${q} Thanks!! \u{1F642}`],
  ['yo …', (q) => `yo ${q}`],
  ['… Is there an example?', (q) => `${q} Is there an example?`],
  ['… any idea? (sorry if dumb question)', (q) => `${q} any idea? (sorry if dumb question)`],
  ['Can anyone help? … What am I doing wrong?', (q) => `Can anyone help? ${q} What am I doing wrong?`],
  ['Question: … Is that possible?', (q) => `Question: ${q} Is that possible?`],
  ['Good morning! … Have a nice day!', (q) => `Good morning! ${q} Have a nice day!`],
  ['gm … Any pointers appreciated.', (q) => `gm ${q} Any pointers appreciated.`],
  ['Morning all, …', (q) => `Morning all, ${q}`],
];

describe('questions as typed in a chat', () => {
  const sets = SETS.filter(([, questions]) => /pino|docs-npm|licenses|seeds-reader/.test(questions));
  for (const [seeds, questions] of sets) {
    it(`${questions}: scores as the bare questions inside greetings, context and markup`, async () => {
      const { engine } = await openSeeds(path.join(root, seeds), { cacheDir });
      const cases = readCases(path.join(root, questions));
      const ask = (q: string) => engine.answer(q, { limit: 5 });
      const bare = evaluate(cases, ask);
      for (const [name, frame] of FRAMES) {
        const s = evaluate(
          cases.map((c) => ({ ...c, q: frame(c.q) })),
          ask,
        );
        expect(
          Math.abs(s.hit1 - bare.hit1),
          `${name}: hit@1 ${s.hit1} against ${bare.hit1}`,
        ).toBeLessThanOrEqual(2);
        expect(s.refused, `${name}: refused`).toBeLessThanOrEqual(bare.refused + 2);
      }
    });
  }
});
