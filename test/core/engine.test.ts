import { describe, expect, it } from 'vitest';
import { CoreError, Engine, MAX_QUESTION_LENGTH } from '../../src/core/index.js';
import { corpusOf } from '../helpers.js';

const news = [
  'Harbour town council news',
  'The council approved a new ferry timetable on Monday after a long debate.',
  'Ferry tickets will cost 2,500 pesos from March, the transport office said.',
  'The U.S. embassy did not support the decision to close the northern pier.',
  'Fishermen said the northern pier is vital for the winter catch.',
].join('\n');

const engine = (files: Record<string, string>, aliases = '', options = {}) =>
  Engine.create(corpusOf(files, aliases), options);

describe('Engine.answer', () => {
  const e = engine({ 'news.txt': news, 'other.txt': 'Bakers sell bread.\nThe market opens at dawn.\n' });

  it('answers with the best sentence of the top paragraph and its citation', () => {
    const a = e.answer('How much will ferry tickets cost?');
    expect(a.answer).toMatchObject({ source: 'news.txt', paragraph: 3, title: 'Harbour town council news' });
    expect(a.answer?.text).toContain('2,500 pesos');
    expect(a.results[0]).toMatchObject({ source: 'news.txt', paragraph: 3 });
  });

  it('marks the matched words of the excerpt', () => {
    const r = e.answer('ferry tickets').results[0];
    const marked = r?.marks.map(([s, t]) => r.excerpt.slice(s, t));
    expect(marked).toEqual(['Ferry', 'tickets']);
  });

  it('returns plain data with every citation field', () => {
    const r = e.answer('northern pier').results;
    expect(r.length).toBe(2);
    for (const x of r) {
      expect(Object.keys(x).sort()).toEqual([
        'excerpt',
        'marks',
        'paragraph',
        'score',
        'source',
        'text',
        'title',
      ]);
      expect(x.score).toBeGreaterThan(0);
    }
  });

  it('gives excerpts worked out when read (/ask shows 3 of 10) that read as plain data everywhere', () => {
    const [r] = e.answer('ferry tickets', { limit: 10 }).results;
    expect(r).toBeDefined();
    // The same excerpt by every route a reader takes: a property, JSON, a spread, a clone.
    const json = JSON.parse(JSON.stringify(r));
    expect(json.excerpt).toBe(r?.excerpt);
    expect(json.marks).toEqual(r?.marks);
    expect({ ...r }.excerpt).toBe(r?.excerpt);
    expect(structuredClone(r)).toEqual(json);
    expect(Object.keys(json)).toEqual(['source', 'title', 'paragraph', 'text', 'excerpt', 'marks', 'score']);
    // Read twice, worked out once: the same array, not a new one.
    expect(r?.marks).toBe(r?.marks);
  });

  it('respects limit and rejects limits outside 1..10', () => {
    expect(e.answer('pier council ferry', { limit: 1 }).results).toHaveLength(1);
    expect(() => e.answer('pier', { limit: 0 })).toThrow(CoreError);
    expect(() => e.answer('pier', { limit: 11 })).toThrow(/1 to 10/);
  });

  it('limits results to one document with source, by file name, prefix or title', () => {
    expect(e.answer('the market', { source: 'other.txt' }).results[0]?.source).toBe('other.txt');
    expect(e.answer('pier', { source: 'other' }).results).toEqual([]);
    expect(e.answer('pier', { source: 'Harbour town' }).results[0]?.source).toBe('news.txt');
  });

  it('finds, in the one document asked about, the paragraphs it repeats from an earlier file, cited at its own place', () => {
    const common =
      '## Requirements\n\nYou need Node.js 20 and a Discord application with a bot token.\n\n## Install\n\nRun npm install in the project folder, then copy .env.example to .env.\n';
    const versions = Engine.create(
      corpusOf({
        'v1/install.md': `# Install guide (v1)\n\n${common}\n## Upgrading\n\nVersion 1 reads settings from config.json.\n`,
        'v2/install.md': `# Install guide (v2)\n\n${common}\n## Upgrading\n\nVersion 2 reads settings from the environment only.\n`,
        'museum.txt': 'Museum\n\nThe museum opens at ten.\n',
      }),
    );
    const q = 'which token do I need?';
    const v1 = versions.answer(q, { source: 'v1/install.md' });
    const v2 = versions.answer(q, { source: 'v2/install.md' });
    // Before: v2 gave no direct answer (its copy is indexed once, under v1).
    expect(v1.answer).toMatchObject({ source: 'v1/install.md', paragraph: 3 });
    expect(v2.answer).toMatchObject({ source: 'v2/install.md', paragraph: 3, section: 'Requirements' });
    expect(v2.results.map((r) => r.source)).toEqual(v2.results.map(() => 'v2/install.md'));
    expect(v2.results[0]?.text).toBe('You need Node.js 20 and a Discord application with a bot token.');
    // Unfiltered, the passage shows once, at its first copy.
    const all = versions.answer(q);
    expect(all.answer?.source).toBe('v1/install.md');
    expect(all.results.filter((r) => r.text.startsWith('You need Node.js'))).toHaveLength(1);
  });

  it('names an unknown source and the documents there are', () => {
    expect(() => e.answer('pier', { source: 'nope' })).toThrow(/no document matches "nope".*news\.txt/);
  });

  it('rejects an empty question with a clear message', () => {
    for (const q of ['', '   ', '\n\t']) {
      expect(() => e.answer(q)).toThrow(/question is empty/);
    }
  });

  it('reads at most MAX_QUESTION_LENGTH characters of a question', () => {
    const long = `ferry tickets ${' and'.repeat(MAX_QUESTION_LENGTH * 20)} pancakes`;
    const a = e.answer(long);
    expect(a.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    expect(a.notFound).toEqual([]);
    expect(a.results[0]?.paragraph).toBe(3);
  });
});

describe('nothing found', () => {
  const e = engine({ 'news.txt': news });

  it('has no results and names the words not found when no word occurs', () => {
    const a = e.answer('What is the recipe for pancakes?');
    expect(a.results).toEqual([]);
    expect(a.answer).toBeNull();
    expect(a.empty).toBe('not-found');
    expect(a.notFound).toEqual(['recipe', 'pancakes']);
  });

  it('says when a question has only common words', () => {
    const a = e.answer('what is it?');
    expect(a.results).toEqual([]);
    expect(a.empty).toBe('no-terms');
  });

  it('does not answer when only a small part of the question is in the documents', () => {
    const a = e.answer('Which football teams sponsor the lottery and the orchestra near the pier?');
    expect(a.results).toEqual([]);
    expect(a.empty).toBe('weak');
    expect(a.notFound).toContain('football');
  });

  it('lists the closest passages, as related only, when everyday words the documents lack make it thin', () => {
    const docs = engine({
      'streams.md': [
        '# Streams',
        '## Writing a response to a file',
        'Pipe the response body stream into a file with `stream.pipeline(body, fs.createWriteStream(path))`: the body is never held in memory whole.',
        '## Reading JSON',
        'Call `await body.json()` to parse a JSON body.',
      ].join('\n\n'),
      'pool.md': '# Pool\n\nA pool keeps several connections to one origin open and reuses them.\n',
      'errors.md': '# Errors\n\nA request that times out rejects with a `HeadersTimeoutError`.\n',
    });
    // "download" and "straight" are nowhere in the documents: everyday words, they count less.
    const a = docs.answer('how can i stream a download straight into a file?');
    expect(a.notFound).toEqual(['download', 'straight']);
    expect(a.empty).toBeNull();
    expect(a.results[0]?.text).toContain('Pipe the response body stream into a file');
    expect(a.answer).toBeNull();
    expect(a.related).toBe('partial');
  });
});

describe('duplicates', () => {
  const doubled = [
    'Officials said the "joint operations room" opened in May -- ahead of schedule.',
    'The weather was dry.',
    'Officials said the “joint operations room” opened in May — ahead of schedule.',
  ].join('\n');

  it('indexes near-duplicate paragraphs once and cites the first occurrence', () => {
    const e = engine({ 'a.txt': doubled, 'b.txt': 'Nothing about rooms here.\n' });
    const a = e.answer('When did the joint operations room open?', { limit: 5 });
    expect(a.results.filter((r) => r.source === 'a.txt').map((r) => r.paragraph)).toEqual([1]);
    expect(e.passageCount).toBe(3);
  });

  it('never shows two excerpts with the same text, even across files', () => {
    const e = engine({ 'a.txt': doubled, 'c.txt': doubled });
    const a = e.answer('joint operations room', { limit: 10 });
    const texts = a.results.map((r) => r.text.toLowerCase().replace(/[^a-z]/g, ''));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('long paragraphs', () => {
  const filler = (topic: string) =>
    Array.from(
      { length: 12 },
      (_, i) => `The ${topic} committee discussed item ${i + 1} at length without a decision.`,
    ).join(' ');
  const long = `${filler('garden')} Refunds for the deposit are paid within 30 days of the request. ${filler('library')}`;

  it('finds a sentence deep inside a long paragraph and cites the paragraph', () => {
    const e = engine({
      'minutes.txt': `Committee minutes\n${long}\nDeposits are required for every booking.\n`,
      'x.txt': 'Unrelated text about boats.\nMore about boats.\n',
    });
    const a = e.answer('How long until the deposit refund is paid?');
    expect(a.results[0]?.paragraph).toBe(2);
    expect(a.answer?.text).toBe('Refunds for the deposit are paid within 30 days of the request.');
    expect(a.results[0]?.excerpt.length).toBeLessThan(400);
    // The passage shown is the part of the paragraph that answers, not all of it.
    expect(a.results[0]?.text).toContain('Refunds for the deposit are paid within 30 days');
    expect(a.results[0]?.text.length).toBeLessThan(long.length);
  });
});

describe('the direct answer', () => {
  const rules = engine({
    'rules.md': `# Server Rules

## Channels

- **#general**: chat about anything
- **#help**: ask questions about the game
- **#bugs**: report bugs with steps to reproduce

Staff reply within a day.

## Responses

All response bodies must always be fully consumed or destroyed.
Arguments:

- options
- callback
`,
    'other.md': '# Other\n\nBoats float on water.\n',
    'third.md': '# Third\n\nTrains run on rails.\n',
  });

  it('is the list item that answers, without its bullet, not the whole list', () => {
    const a = rules.answer('where do I report bugs?');
    expect(a.results[0]?.text).toContain('#general');
    expect(a.answer?.text).toBe('#bugs: report bugs with steps to reproduce');
  });

  it('is never a question alone: a FAQ written as a list of questions answers with what follows each', () => {
    const faq = engine({
      'faq.md':
        '# FAQ\n\n- **How do I get verified?**\n\n  React with the green check in the welcome channel and wait a minute.\n\n' +
        '- **Can I stream games?**\n\n  Yes, in the Stage channel, on weekends only.\n\n' +
        '- **Who are the mods?**\n  Ask in the help channel for the current list.\n',
      'other.md': '# Other\n\nBoats float on water.\n',
      'third.md': '# Third\n\nTrains run on rails.\n',
    });
    // Before: "Can I stream games?", the question asked back.
    expect(faq.answer('can I stream?').answer?.text).toBe(
      'Can I stream games? Yes, in the Stage channel, on weekends only.',
    );
    expect(faq.answer('who are the mods').answer?.text).toBe(
      'Who are the mods? Ask in the help channel for the current list.',
    );
    // A question asked in running text comes with its answer too, a long one as well.
    const text = engine({
      'guide.md':
        '# Guide\n\nWhat happens to the messages in the archive channel after the season has ended and the mods have left? They are deleted after thirty days.\n',
      'other.md': '# Other\n\nBoats float on water.\n',
      'third.md': '# Third\n\nTrains run on rails.\n',
    });
    expect(
      text.answer('what happens to archive channel messages after the season ended?').answer?.text,
    ).toContain('They are deleted after thirty days.');
  });

  it("is a table's row that answers, not the whole table", () => {
    const bot = engine({
      'commands.md':
        '# Bot commands\n\n| Command | What it does | Who can use it |\n| --- | --- | --- |\n' +
        '| `/rank` | Shows your level and XP | Everyone |\n| `/leaderboard` | Top 10 members by XP | Everyone |\n' +
        '| `/purge 50` | Deletes the last 50 messages | Admins |\n\n' +
        '## Prices\n\n| Plan | Price |\n| --- | --- |\n| Adult | 300 |\n| Junior | 150 |\n',
      'other.md': '# Other\n\nBoats float on water.\n',
      'third.md': '# Third\n\nTrains run on rails.\n',
    });
    // Before: the table's every row.
    expect(bot.answer('how do I see my level?').answer?.text).toBe(
      'Command: /rank · What it does: Shows your level and XP · Who can use it: Everyone',
    );
    // A short row stands alone too.
    expect(bot.answer('junior price').answer?.text).toBe('Plan: Junior · Price: 150');
    // A figure under a price column is a price ("how much" asks for an amount of money).
    expect(bot.answer('how much is the junior plan?').answer?.text).toBe('Plan: Junior · Price: 150');
  });

  it('never takes part of the row above along when a cell holds two sentences', () => {
    const bot = engine({
      'commands.md':
        '# Bot commands\n\n| Command | What it does |\n| --- | --- |\n' +
        '| `/rank` | Shows your level. Needs the Member role. |\n' +
        '| `/purge` | Deletes messages. Needs the Admin role. |\n' +
        '| `/ban` | Bans someone. Mods only. |\n',
      'other.md': '# Other\n\nBoats float on water.\n',
      'third.md': '# Third\n\nTrains run on rails.\n',
    });
    // Before: "Needs the Member role.\nCommand: /purge · …", the /rank row's condition on /purge.
    expect(bot.answer('which command needs the admin role?').answer?.text).toBe(
      'Command: /purge · What it does: Deletes messages. Needs the Admin role.',
    );
  });

  it('runs on over questions in a row, and takes the list item or code that answers a question', () => {
    const guide = engine({
      'guide.md':
        '# Guide\n\nCan I stream games? Can I record them? Yes to both, on weekends only.\n\n' +
        '## Meetups\n\nSome rules for the meetups follow here.\n\nCan I bring a friend to the meetup?\n\n- Yes, one guest per member.\n- Guests sign in at the door.\n\n' +
        '## Install\n\nHow do I install the kiwi tool?\n\n```sh\nnpm install -g kiwi-tool\n```\n',
      'other.md': '# Other\n\nBoats float on water.\n',
      'third.md': '# Third\n\nTrains run on rails.\n',
    });
    // Before: "Can I stream games? Can I record them?", the question, and the question alone.
    expect(guide.answer('can I record games?').answer?.text).toBe(
      'Can I stream games? Can I record them? Yes to both, on weekends only.',
    );
    expect(guide.answer('can I bring a friend to the meetup?').answer?.text).toBe(
      'Can I bring a friend to the meetup?\n• Yes, one guest per member.',
    );
    expect(guide.answer('how do I install the kiwi tool?').answer?.text).toBe(
      'How do I install the kiwi tool?\nnpm install -g kiwi-tool',
    );
  });

  it("takes no callout's icon along with a short answer", () => {
    const page = engine({
      'faq.md': '# Safety\n\n## Passwords\n\n💡\n\nMods never ask for your password.\n',
      'other.md': '# Other\n\nBoats float on water.\n',
      'third.md': '# Third\n\nTrains run on rails.\n',
    });
    // Before: "💡\nMods never ask for your password."
    expect(page.answer('do mods ask for passwords?').answer?.text).toBe('Mods never ask for your password.');
  });

  it("is an FAQ's answer without its A:", () => {
    const faq = engine({
      'faq.txt':
        'Club FAQ\n\nQ: How much is membership?\nA: Membership is $35 per month.\n\nQ: Where do we meet?\nA: In the old mill.\n',
      'other.txt': 'Boats float on water.\n',
      'third.txt': 'Trains run on rails.\n',
    });
    const a = faq.answer('how much is membership?');
    // The marks go from the passage too: its section is the question, its text the answer.
    expect(a.results[0]?.section).toBe('How much is membership?');
    expect(a.results[0]?.text).toBe('Membership is $35 per month.');
    expect(a.answer?.text).toBe('Membership is $35 per month.');
  });

  it('is a line after a list on its own, not with the last item', () => {
    expect(rules.answer('do staff reply within a day?').answer?.text).toBe('Staff reply within a day.');
    // Also when the list opens the passage with one item.
    const one = engine({
      'r.md':
        '# Rules\n\n## Bugs\n\n- **#bugs**: report bugs with steps to reproduce\n\nStaff reply within a day.\n',
      'o.md': '# O\n\nBoats float on water.\n',
      't.md': '# T\n\nTrains run on rails.\n',
    });
    expect(one.answer('do staff reply within a day?').answer?.text).toBe('Staff reply within a day.');
  });

  it('is a short sentence on its own when what follows it only leads in to a list', () => {
    const a = rules.answer('must response bodies be consumed?');
    expect(a.answer?.text).toBe('All response bodies must always be fully consumed or destroyed.');
  });

  it('answers "how do I…" with the way, not with what not to do', () => {
    const e = engine({
      'security.md':
        '# Security\n\n## Reporting a vulnerability\n\nWe appreciate responsible disclosure. If you would like to report a vulnerability, the preferred way to do so is contacting us directly. Please do not report security vulnerabilities through public issues.\n\nPlease include the following minimum information:\n\n1. Type of issue.\n2. Steps to reproduce it.\n',
      'other.md': '# Other\n\nRelease notes are published every month.\n',
    });
    expect(e.answer('how do I report a security vulnerability?').answer?.text).toBe(
      'If you would like to report a vulnerability, the preferred way to do so is contacting us directly.',
    );
    // A yes/no question, or one about what not to do, takes the prohibition itself.
    expect(e.answer('can I report security vulnerabilities in public issues?').answer?.text).toBe(
      'Please do not report security vulnerabilities through public issues.',
    );
    expect(e.answer('how do I avoid reporting vulnerabilities in public issues?').answer?.text).toBe(
      'Please do not report security vulnerabilities through public issues.',
    );
    // The way, however the question opens; an invitation ("Do not hesitate to…") is no prohibition.
    expect(e.answer('hey, how can we report a security vulnerability?').answer?.text).toBe(
      'If you would like to report a vulnerability, the preferred way to do so is contacting us directly.',
    );
    const invited = engine({
      'security.md':
        '# Security\n\n## Reporting\n\nDo not hesitate to report a security vulnerability by email to the team. Advisories are listed on the releases page.\n',
      'other.md': '# Other\n\nRelease notes are published every month.\n',
    });
    expect(invited.answer('how do I report a security vulnerability?').answer?.text).toContain(
      'Do not hesitate to report a security vulnerability by email to the team.',
    );
  });
});

describe('a heading is not an answer on its own', () => {
  const engine = Engine.create(
    corpusOf({
      'rules.md':
        '# Workshop rules\n\n## Code of conduct for the mailing lists\n\nBe polite to everyone. Do not spam the channels or post the same message twice.\n\n## Late returns\n\nA fine of five pounds is charged for each week a borrowed tool is returned late.\n\n## Breakages\n\nIf you break a tool, tell a member of staff the same day so it can be repaired.\n',
      'hours.md':
        '# Opening hours\n\nThe workshop is open from nine to five on weekdays and from ten to four on Saturdays.\n',
      'tools.md':
        '# Tools\n\nMembers may borrow hand tools for up to two weeks. Power tools stay in the workshop.\n',
    }),
  );

  it('gives no direct answer from a passage whose text names nothing asked, under part of the question in its heading', () => {
    const a = engine.answer('what is the fine for breaking the code of conduct?');
    expect(a.results[0]?.section).toBe('Code of conduct for the mailing lists');
    expect(a.answer).toBeNull();
    expect(a.related).toBe('partial');
  });

  it('answers with that passage when the question restates its whole heading, or its text names what is asked', () => {
    expect(engine.answer('what is the code of conduct for the mailing lists?').answer?.text).toMatch(
      /^Be polite/,
    );
    expect(engine.answer('how much is the fine for a late tool?').answer?.text).toMatch(
      /^A fine of five pounds/,
    );
    // A word read through a typo's correction is named as well as one typed right.
    expect(engine.answer('whats the fien per weeek?').answer?.text).toMatch(/^A fine of five pounds/);
  });
});

describe('aliases', () => {
  const files = {
    'a.txt': 'The ISIL group lost the town.\nThe weather was dry in the valley.\n',
    'b.txt': 'Islamic State fighters regrouped in the desert.\nMarkets reopened in the valley.\n',
  };

  it('matches any member of an alias group, words or phrases', () => {
    const e = engine(files, 'ISIS, ISIL, IS, Islamic State, Daesh\n');
    const sources = e
      .answer('Where is Daesh?', { limit: 5 })
      .results.map((r) => r.source)
      .sort();
    expect(sources).toEqual(['a.txt', 'b.txt']);
    expect(e.answer('Which town did IS lose?').results[0]?.source).toBe('a.txt');
  });

  it('without the aliases file the other forms do not match', () => {
    expect(engine(files).answer('Where is Daesh?').results).toEqual([]);
  });
});

describe('typo tolerance', () => {
  const files = {
    'a.txt': 'The defence ministry received the delegation.\nThe harvest was poor this year.\n',
    'b.txt': 'People gathered at the square.\nThe mayor killed the proposal.\n',
  };
  const e = engine(files);

  it('matches an unknown word to corpus words within a small edit distance', () => {
    const a = e.answer('What did the defnce ministry get?');
    expect(a.results[0]?.paragraph).toBe(1);
    expect(a.results[0]?.source).toBe('a.txt');
    expect(a.corrections).toEqual([{ from: 'defnce', to: ['defence'] }]);
    expect(e.answer('how many peple').results[0]?.text).toContain('People');
  });

  it('ranks typo matches below exact matches', () => {
    const t = engine({
      'a.txt': 'The harvest festival starts in June.\nThe harvests were poor.\n',
      'b.txt': 'A harvester broke down.\nNothing else happened.\n',
    });
    const exact = t.answer('harvest').results[0]?.score ?? 0;
    const typo = t.answer('harvets').results[0]?.score ?? 0;
    expect(typo).toBeGreaterThan(0);
    expect(typo).toBeLessThan(exact);
  });

  it('never corrects numbers, short words or real English words', () => {
    expect(e.answer('2016').results).toEqual([]);
    expect(e.answer('mayr').corrections).toEqual([{ from: 'mayr', to: ['mayor'] }]);
    expect(e.answer('myr').corrections).toEqual([]);
    expect(e.answer('bread').results).toEqual([]);
  });

  it('corrects a short word only by a slip of the hand, not into another name', () => {
    const t = engine({
      'build.md': '# Building\n\nThe addon build reads config.gypi from the build folder.\n',
      'queue.md': '# Queue\n\nEach work item waits in the queue until a worker takes it.\n',
      'publish.md': '# Publishing\n\nRun the publish command to upload a release with npx and auth.\n',
    });
    // p and g lie apart on the keyboard: PyPI is a name the documents lack, not a typo.
    const pypi = t.answer('how do I publish to pypi?');
    expect(pypi.corrections).toEqual([]);
    expect(pypi.notFound).toContain('pypi');
    expect(pypi.answer).toBeNull();
    // A neighbouring key (p for o) or two letters swapped are typos.
    expect(t.answer('where does a wprk item wait?').corrections).toEqual([{ from: 'wprk', to: ['work'] }]);
    expect(t.answer('where does a wrok item wait?').corrections).toEqual([{ from: 'wrok', to: ['work'] }]);
    // A letter too many counts when it doubles one or its key touches a neighbour's: "worrk" is
    // `work`; "pnpx" is not `npx`, nor "oauth" `auth`.
    expect(t.answer('where does a worrk item wait?').corrections).toEqual([{ from: 'worrk', to: ['work'] }]);
    expect(t.answer('is there an addon for pnpx?').corrections).toEqual([]);
    expect(t.answer('does the build need oauth?').corrections).toEqual([]);
    // A letter left out counts, but not the first: "worer" is `worker`, "auth" is not `oauth`.
    expect(t.answer('which worer takes an item?').corrections).toEqual([{ from: 'worer', to: ['worker'] }]);
    const o = engine({
      'login.md': '# Login\n\nSign in with OAuth through your identity provider.\n',
      'other.md': '# Other\n\nRelease notes are published every month.\n',
    });
    expect(o.answer('does sign in support auth?').corrections).toEqual([]);
  });
});

describe('tiny corpora', () => {
  it('answers from a corpus of one paragraph', () => {
    const e = engine({ 'one.txt': 'The office opens at nine.' });
    expect(e.answer('When does the office open?').answer?.paragraph).toBe(1);
  });

  it('answers from a corpus of two paragraphs', () => {
    const e = engine({ 'two.txt': 'The office opens at nine.\nThe shop closes at five.' });
    expect(e.answer('shop closing').results.map((r) => r.paragraph)).toEqual([2]);
  });
});

describe('documents', () => {
  it('lists every document with title and counts', () => {
    const e = engine({
      'news.txt': news,
      'guide.md': '---\ntitle: The Guide\nurl: https://example.org/guide\n---\n# Ignored\n\nHello world.\n',
      'notes.md': 'Only a first sentence here. And more.\n',
    });
    expect(e.documents).toEqual([
      {
        source: 'news.txt',
        title: 'Harbour town council news',
        explicitTitle: true,
        paragraphs: 5,
        words: expect.any(Number),
        hash: expect.any(String),
      },
      {
        source: 'guide.md',
        title: 'The Guide',
        explicitTitle: true,
        url: 'https://example.org/guide',
        paragraphs: 2,
        words: 3,
        hash: expect.any(String),
      },
      // A title that only stands in for one (the first sentence) is not marked as given.
      {
        source: 'notes.md',
        title: 'Only a first sentence here.',
        paragraphs: 1,
        words: 7,
        hash: expect.any(String),
      },
    ]);
  });

  it("names documents that share a title (a site's banner) by their files too, in lists and citations", () => {
    const page = (heading: string, text: string) =>
      `<h1 align="center">Fastify</h1>\n\n## ${heading}\n\n${text}\n`;
    const e = engine({
      'Reference/Reply.md': page(
        'Reply',
        'The second argument of a handler is the reply: it sends the response.',
      ),
      'Reference/Content-Type-Parser.md': page(
        'Content-Type Parser',
        'Parsers read request bodies by their type.',
      ),
      'guide/README.md': '# Overview\n\nThis guide walks through a first server.\n',
      'api/README.md': '# Overview\n\nThe API reference lists every method.\n',
      'hooks.md': '# Hooks\n\nHooks run at points of the request lifecycle.\n',
    });
    expect(e.documents.map((d) => d.title)).toEqual([
      'Reply (Fastify)',
      'Content Type Parser (Fastify)',
      'guide (Overview)',
      'api (Overview)',
      'Hooks',
    ]);
    const cited = e.answer('what sends the response to the client?').results[0];
    expect(cited?.source).toBe('Reference/Reply.md');
    expect(cited?.title).toBe('Reply (Fastify)');
  });
});

describe('exact forms', () => {
  it('prefers a paragraph with the word as written over one sharing only its stem', () => {
    const e = engine({
      'a.txt': 'He will meet the other leaders in New York next week.\nThe weather is mild.\n',
      'b.txt': 'The commanders hosted their counterparts in the capital.\nMarkets were quiet.\n',
    });
    // "meeting" and "meet" share a stem, "hosted" is written the same: b.txt is the closer match.
    expect(e.answer('who hosted the meeting?').results.map((r) => r.source)).toEqual(['b.txt', 'a.txt']);
    const plain = Engine.create(corpusOf({ 'a.txt': 'x' }), {}); // a one-paragraph corpus builds
    expect(plain.passageCount).toBe(1);
  });
});

describe('a question read back from its message', () => {
  it('is answered as it was asked: More results pages through the same order', async () => {
    // A button asks the question again from the message, which carries it line by line with
    // whitespace folded: a tab after a quote mark once turned a quoted line into a question line.
    const { loadCorpus } = await import('../../src/core/index.js');
    const seeds = Engine.create(await loadCorpus('seeds'));
    const places = (q: string) =>
      seeds.answer(q, { limit: 10 }).results.map((r) => `${r.source} ¶${r.paragraph}`);
    const asked = [
      'Iraq\n>\t**x**\neffort Sunday ',
      'Iraq\n>\u00A0quoted words\n\nwho leads the coalition?',
      'who\u200B leads\tthe\u2066 coalition?\r\n\r\n  in Iraq  ',
    ];
    for (const q of asked) {
      const carried = q
        .split(/\r?\n/)
        .map((l) =>
          l
            .replace(/[\p{Bidi_Control}\u200B]/gu, '')
            .replace(/\s+/g, ' ')
            .trim(),
        )
        .filter(Boolean)
        .join('\n');
      expect(places(q)).toEqual(places(carried));
    }
  });
});

describe("an engine's tag", () => {
  it('changes with the aliases and the ranking settings, not only with the documents', () => {
    // Buttons carry it: a vote cast after aliases.txt changed which passage is cited is refused.
    const files = {
      'a.txt': 'Kill the process with a signal.\n',
      'b.txt': 'Stop the server.\n',
      'c.txt': 'Other.\n',
    };
    const tag = (aliases = '', options = {}) => Engine.create(corpusOf(files, aliases), options).tag;
    expect(tag()).toBe(tag());
    expect(tag('terminate, kill')).not.toBe(tag());
    expect(tag('terminate, kill')).toBe(tag('terminate, kill'));
    expect(tag('', { titleWeight: 1 })).not.toBe(tag());
  });
});
