/**
 * How questions meet documentation words: identifiers by their parts, two words written as
 * one, longer derived words, acronyms and what they stand for, aliases as whole phrases only.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine.js';
import { directAnswer } from '../../src/core/excerpt.js';
import {
  contextWords,
  definitionSubject,
  exampleWords,
  plainQuestion,
  unshouted,
  withoutCourtesies,
} from '../../src/core/query.js';
import { corpusOf } from '../helpers.js';

const API = `# Client options

## maxRetries

Default: 3

How many times a failed request is sent again before the client gives up.

## keepAlive

Default: true

Whether sockets stay open between requests, so the next request skips the handshake.

## querystring

How the query part of the URL is serialised. Arrays are written as repeated keys.

## Sending a reply

Call reply.send() with the payload; the status defaults to 200.

## Timeouts

The connection timeout covers the handshake only; reads have their own timer.
`;

const NEWS = `Iraq to share intelligence with Russian Federation

Iraqi officials defended the intelligence-sharing agreement with the Russian Federation on Monday.

The United States considers Iran the most active state-sponsor of terrorism.

According to an expert there are still 2,000 Islamic State fighters active in four regions.

The Prime Minister met the Mozilla Public License maintainers at the summit.

Fighters are now largely confined to desert holdouts in the south.
`;

const api = Engine.create(
  corpusOf({ 'api.md': API, 'other.md': '# Other\n\nNothing here about clients.\n' }),
);
const news = Engine.create(
  corpusOf(
    { 'news.txt': NEWS, 'more.txt': 'Weather\n\nIt rained in Baghdad.\n' },
    'IS, ISIS, Islamic State\n',
  ),
);
const top = (engine: Engine, q: string) => engine.answer(q, { limit: 5 }).results[0];

describe('identifiers', () => {
  it('finds a camelCase option from its words', () => {
    expect(top(api, 'how many max retries before it gives up?')?.section).toBe('maxRetries');
    expect(top(api, 'does keep alive reuse sockets?')?.section).toBe('keepAlive');
  });

  it('finds a camelCase option written as one word', () => {
    expect(top(api, 'what is the default of maxRetries?')?.section).toBe('maxRetries');
  });

  it('finds a word written as one from two question words', () => {
    expect(top(api, 'how are arrays put in the query string?')?.section).toBe('querystring');
  });

  it('finds a word written as one from a verb and its particle ("logging in" → login)', () => {
    const files = corpusOf({
      'auth.md':
        '# Accounts\n\n## Sessions\n\nA login lasts 30 days on the same browser.\n\n## Server logs\n\nThe server keeps 7 days of request logs.\n',
      'other.md': '# Other\n\nNothing here about accounts.\n',
    });
    const sections = (engine: Engine) =>
      engine.answer('logging in', { limit: 5 }).results.map((r) => r.section);
    expect(sections(Engine.create(files))).toContain('Sessions');
    // Without joined forms, "logging" only finds the logs.
    expect(sections(Engine.create(files, { joinedWeight: 0 }))).not.toContain('Sessions');
  });

  it('finds a dotted call by its name', () => {
    expect(top(api, 'how do I send the payload?')?.section).toBe('Sending a reply');
  });
});

describe('addresses', () => {
  it('finds the mailing list a question names by its hyphenated name before lists sharing its parts', () => {
    const engine = Engine.create(
      corpusOf({
        'lists.txt': `Mailing lists

User lists

  forum-backports-announce@lists.example.org

      Description : Announcements relating to the backports project, including security announcements.
      Moderated   : yes

  forum-announce@lists.example.org

      Description : Major news and very important changes in the project are announced here.
      Moderated   : yes

  forum-edu-announce@lists.example.org

      Description : Announcements regarding the education edition and its announcements.
      Moderated   : yes
`,
      }),
    );
    expect(engine.answer('is forum-announce moderated?').results[0]?.text).toContain('Major news');
  });
});

describe('hyphenated names', () => {
  it('counts a name of several parts as written only with its parts in that order', () => {
    const rules = Engine.create(
      corpusOf({
        'labels.md':
          '# Labels\n\nThe rule label-has-associated-control enforces that a label tag has a text label and an associated control.\n',
        'controls.md':
          '# Controls\n\nThe rule control-has-associated-label enforces that a control has a text label.\n',
        'other.md': '# Install\n\nInstall it with npm.\n',
      }),
    );
    // The same four words in another order are another rule: no bonus for writing the name.
    expect(rules.answer('what does control-has-associated-label check?').results[0]?.source).toBe(
      'controls.md',
    );
    expect(rules.answer('what does label-has-associated-control check?').results[0]?.source).toBe(
      'labels.md',
    );
  });

  it('counts a shortcut as written whatever the order of its modifiers', () => {
    const keys = Engine.create(
      corpusOf({
        'mac.md': '# Mac\n\n## Palette\n\nPress Cmd+Shift+P to open the command palette.\n',
        'linux.md': '# Linux\n\n## Palette\n\nPress Shift+Cmd+P to open the command palette.\n',
        'other.md': '# Install\n\nInstall it with npm.\n',
      }),
    );
    // The passage that writes it as asked does not lose to the one that writes it the other way.
    const [first, second] = keys.answer("Cmd+Shift+P doesn't open the palette").results;
    expect(first?.source).toBe('mac.md');
    expect(first?.score).toBe(second?.score);
  });

  const LISTS = corpusOf({
    'lists.txt': `Mailing lists

User lists

  zorbix-user@lists.example.org

      Description : Support for Zorbix users who speak English.
                    (High-volume mailing list.)
      Digest      : zorbix-user-digest@lists.example.org
      Moderated   : no
      Subscription: open

  zorbix-cloud@lists.example.org

      Description : Discussions about using Zorbix on public or private clouds.
      Moderated   : no
      Subscription: open

Miscellaneous lists

  whitelist@lists.example.org

      Description : This is a special pseudo-mailing list to which
                    people can subscribe to prove they are not
                    spammers.

                    This allows one to avoid the restrictions imposed
                    on non-subscriber posts to other mailing lists,
                    in particular the mailing lists that allow posts
                    only from subscribers.
      Moderated   : yes
      Subscription: open

Regional boards

  Regional boards can be started by any member who finds two moderators for them.
`,
  });

  it('needs a hyphenated name with a part no dictionary has in the passage it answers with', () => {
    const a = Engine.create(LISTS).answer('how many people are subscribed to zorbix-user?');
    expect(a.results[0]?.text).toContain('Support for Zorbix users');
    expect(a.answer?.text ?? '').not.toContain('spammers');
  });

  it('does not need a hyphenated word of a prefix or a letter (`multi-factor`, `x-ray`)', () => {
    const engine = Engine.create(
      corpusOf({
        'clinic.md': `# Clinic

## Glossary

A multi-factor check asks for a second proof besides the password.

## Signing in

To sign in with two-step verification, type your password, then the code sent to your phone.

## Imaging

To book a scan, call the front desk; scans are done on weekdays.

## Words

An x-ray is one kind of scan we offer.
`,
      }),
    );
    expect(engine.answer('how do I sign in with multi-factor verification?').answer?.text).toContain(
      'two-step verification',
    );
    expect(engine.answer('how do I book an x-ray scan?').answer?.text).toContain('call the front desk');
  });

  it('needs a hyphenated package name with a short part (`aws-sdk`, `pg-pool`)', () => {
    const engine = Engine.create(
      corpusOf({
        'guide.md': `# Guide

## Logging

To change the log level of the server, set LOG_LEVEL in the environment before you start it.

## Database pool

The pg-pool package keeps database connections open for reuse; it is set up in db.js.

## Uploads

Files are uploaded to S3 by the aws-sdk client, which reads its region from AWS_REGION.
`,
      }),
    );
    expect(engine.answer('how do I change the log level of aws-sdk?').answer).toBeNull();
    expect(engine.answer('how do I change the log level of pg-pool?').answer).toBeNull();
  });

  it('does not need a hyphenated phrase with a small word in it (`on-prem`)', () => {
    const engine = Engine.create(
      corpusOf({
        'host.md': `# Hosting

## Self-hosting on premises

You can run the bot on your own server on premises with Docker: docker compose up -d.

## Cloud

The hosted version runs in our cloud and needs no setup.
`,
      }),
    );
    expect(engine.answer('can I run the bot on-prem?').answer?.text).toContain('on your own server');
  });

  it('ranks a hyphenated word the documents lack whole by the parts they hold, with no direct answer', () => {
    const engine = Engine.create(
      corpusOf({
        'releases.md': `# Releases

## Code names

Our releases carry code names taken from the film Toy Story: Buzz, Rex, Woody.

## Schedule

A new release is published every two years, after a freeze of six months.

## Versions

Every release has a version number, and every release is supported for three years.
`,
      }),
    );
    const a = engine.answer('why are the releases named after Toy-Story-Figuren?');
    expect(a.results[0]?.text).toContain('from the film Toy Story');
    expect(a.notFound).toEqual(['toy-story-figuren']);
    expect(a.answer).toBeNull();
  });

  it('does not need a hyphenated word made of dictionary words (`spanish-language`)', () => {
    const a = Engine.create(LISTS).answer('could we start a spanish-language regional board?');
    expect(a.answer?.text).toContain('two moderators');
  });
});

describe('a misspelt everyday word the documents lack', () => {
  const engine = Engine.create(
    corpusOf({
      'options.md': `# Options

## Choices

To limit an option to a fixed list of values, call .choices() with the values it takes.

## Defaults

An option without a value given on the command line takes its default value.

## Help

Every command prints its usage with --help.
`,
    }),
  );

  it('is no name the answer must hold: a letter left out (`acepting`) still gets a direct answer', () => {
    const a = engine.answer('how can i limit an option to a fixed list of acepting values?');
    expect(a.notFound).toEqual(['acepting']);
    expect(a.answer?.text).toContain('call .choices()');
  });

  it('while a word no dictionary has, nor one letter away, still stops a direct answer', () => {
    const a = engine.answer('how can i limit an option to a fixed list of values in kubectl?');
    expect(a.notFound).toEqual(['kubectl']);
    expect(a.answer).toBeNull();
    expect(a.results[0]?.text).toContain('call .choices()');
  });
});

describe('command-line options', () => {
  const files = corpusOf({
    'faq.txt': `curl FAQ

4.7 Why do I get "certificate verify failed"?

To completely disable the certificate verification, use -k. We strongly advise against doing this
for more than experiments.

3.8 How do I tell curl to follow HTTP redirects?

curl does not follow redirects by default. Use -L to make it follow the Location: header.

3.9 How do I list a directory?

Use -l to list the names in an FTP directory, one per line.
`,
    'other.txt': 'Other\n\nNothing here about options.\n',
    'third.txt': 'Contact\n\nWrite to the list.\n',
  });
  const engine = Engine.create(files);

  it('finds a short option as written, at the end of a sentence too', () => {
    expect(top(engine, 'what is -k for?')?.text).toContain('use -k.');
  });

  it('tells -L from -l', () => {
    expect(top(engine, 'what does -L do?')?.text).toContain('Use -L');
    expect(top(engine, 'what does -l do?')?.text).toContain('Use -l');
  });
});

describe('languages named by a letter and a mark', () => {
  it('tells C#, C++ and the letter C apart', () => {
    const engine = Engine.create(
      corpusOf({
        'clients.md': `# Clients

## Grading

A client passes review with a grade of C; reviews check compiler flags.

## C++

The native client needs CMake and a C++17 compiler, and it builds on Linux, macOS and Windows with the same scripts.

## C#

The client for .NET is written in C#; it ships as a NuGet package and follows the same release schedule as every other package we publish.
`,
        'other.md': '# Other\n\nNothing about languages here.\n',
        'more.md': '# More\n\nReleases ship every month.\n',
      }),
    );
    expect(engine.answer('is there a C# client?').results[0]?.section).toBe('C#');
    expect(engine.answer('which compiler for C++?').results[0]?.section).toBe('C++');
  });
});

describe('headings', () => {
  it("puts first the FAQ's question the question restates whole, over an entry that repeats its words", () => {
    const e = Engine.create(
      corpusOf({
        'faq.md':
          '# FAQ\n\n## Questions about our bots\n\n### Can I get the Helper bot on my server?\n\nThere is no way to invite it elsewhere: it is tied to our infrastructure.\n\n### Do the bots do X? Can I contribute to a bot?\n\nWe run two bots on our server: the Helper bot and the Quiz bot. The Helper bot manages the server and its channels, and the Quiz bot runs games on the server. Both bots are open source.\n\n## Events\n\nWe hold events every month.\n',
        'rules.md': '# Rules\n\nBe kind. No spam.\n',
        'guide.md': '# Guide\n\nAsk questions in the help channels.\n',
      }),
    );
    expect(e.answer('can i add the helper bot to my own server?').results[0]?.section).toBe(
      'Questions about our bots › Can I get the Helper bot on my server?',
    );
  });

  it('puts first the section whose heading the question restates', () => {
    const files = corpusOf({
      'bundling.md': `# Bundling

Because logs are written from worker threads, a bundler must emit the worker files as extra entry points; bundling everything into one file breaks the worker threads at run time.

## Webpack Plugin

Webpack users can install the webpack plugin, which adds the extra entry points for them.

## Esbuild Plugin

The esbuild plugin does the same for esbuild.
`,
      'other.md': '# Other\n\nNothing here about bundlers.\n',
      'threads.md': '# Threads\n\nWorker threads run the transports.\n',
    });
    const q = 'Bundling with webpack breaks the worker threads. Is there a plugin for this?';
    expect(Engine.create(files).answer(q).results[0]?.section).toBe('Webpack Plugin');
    // Without the heading's bonus, the passage with more of the question's words wins.
    expect(Engine.create(files, { headingBonus: 0 }).answer(q).results[0]?.section).toBeUndefined();
  });

  it('puts the prose that says it before a code-only passage with the same words (a synopsis)', () => {
    const files = corpusOf({
      'npm-ci.md':
        '# npm-ci\n\n## Synopsis\n\n```bash\nnpm ci\n\naliases: clean-install, install-clean\n```\n\n## Description\n\nnpm ci is a clean install of a project.\n',
      'npm-install.md':
        '# npm-install\n\n## Description\n\nThis command installs a package and any packages that it depends on.\n',
      'other.md': '# Other\n\nRelease notes are published every month.\n',
    });
    const q = 'is npm ci a clean install?';
    expect(Engine.create(files).answer(q).results[0]?.text).toBe('npm ci is a clean install of a project.');
    // Unscaled, the short synopsis with the words twice wins.
    expect(Engine.create(files, { codeWeight: 1 }).answer(q).results[0]?.section).toBe('Synopsis');
  });

  it('puts the guide before the change log, unless the question asks about versions or changes', () => {
    const guide = `# Tokens

## Popular mistakes

YYYY and YY represent the local week-numbering year (44, 01, 00, 17), often confused with yyyy and yy, which represent the calendar year: to format a plain date, use yyyy-MM-dd.
`;
    const log = (name: string) =>
      corpusOf({
        'tokens.md': guide,
        [name]: `# Change Log

## 1.4.0 - 2016-10-09

### Fixed

Fixed incorrect behaviour of YYYY and YY for years prior to 1000: now format(new Date('0001-01-01'), 'YYYY-MM-DD') returns the date 0001-01-01 instead of 1-01-01.

## 1.3.0 - 2016-05-26

### Added

Added the isValid function.

## 1.2.0 - 2016-05-23

### Added

Added the locale option.
`,
        'install.md': '# Installing\n\nInstall the package with npm install date-fns.\n',
      });
    const q = 'why does format with YYYY-MM-DD give me a weird date?';
    expect(Engine.create(log('CHANGELOG.md')).answer(q).results[0]?.source).toBe('tokens.md');
    // Told apart by its version headings too, whatever the file's name.
    expect(Engine.create(log('releases.md')).answer(q).results[0]?.source).toBe('tokens.md');
    // Unscaled, the change log's line that repeats the question's words wins.
    const unscaled = Engine.create(log('CHANGELOG.md'), { changeLogWeight: 1 });
    expect(unscaled.answer(q).results[0]?.source).toBe('CHANGELOG.md');
    // A version said around the question is where the asker stands, not what is asked.
    for (const around of [
      "I'm using the latest version. why does format with YYYY-MM-DD give me a weird date?",
      "I'm on date-fns v4.1.0. why does format with YYYY-MM-DD give me a weird date?",
    ])
      expect(Engine.create(log('CHANGELOG.md')).answer(around).results[0]?.source).toBe('tokens.md');
    // Asked since which version, the change log is where the answer is.
    const since = 'since which version does format with YYYY-MM-DD give the right date?';
    expect(Engine.create(log('CHANGELOG.md')).answer(since).results[0]?.source).toBe('CHANGELOG.md');
  });

  it('does not take a document with numbered sections for a change log', () => {
    const files = corpusOf({
      'licence.txt': `Widget Licence

1.1. Definitions

"Contributor" means each person who creates or contributes to the Widget.

1.2. Grant

Each Contributor grants You a world-wide, royalty-free licence to use the Widget.

1.3. Notices

You may not remove or alter the copyright notices of the Widget.
`,
      'guide.md': '# Guide\n\nInstall the Widget with npm install widget.\n',
      'faq.md': '# FAQ\n\nThe Widget runs on Linux and macOS.\n',
    });
    const q = 'may I remove the copyright notices?';
    const top = Engine.create(files).answer(q).results[0];
    expect(top?.section).toBe('1.3. Notices');
    // Unscaled: a section number is no version.
    expect(top?.score).toBe(Engine.create(files, { changeLogWeight: 1 }).answer(q).results[0]?.score);
    // Nor is a page on the project's history one for its name.
    const history = corpusOf({
      'history.md': '# History\n\nThe Widget was started in 2009 by three students in Lyon.\n',
      'guide.md': '# Guide\n\nInstall the Widget with npm install widget.\n',
      'faq.md': '# FAQ\n\nThe Widget runs on Linux and macOS.\n',
    });
    const started = 'who started the Widget?';
    expect(Engine.create(history).answer(started).results[0]?.score).toBe(
      Engine.create(history, { changeLogWeight: 1 }).answer(started).results[0]?.score,
    );
  });

  it("takes a document's title for the heading of its introduction, when the document has sections", () => {
    const docs = (guide: string) =>
      corpusOf({
        'client-certificate.md': guide,
        'connector.md': `# Connector

The connector builds the socket the client sends its requests on.

## Fingerprints

A custom connector can check the certificate a client is shown before it uses the socket: compare its fingerprint with the one you expect.
`,
        'pool.md':
          '# Pool\n\nA pool keeps several clients open to one origin.\n\n## Size\n\nHow many clients the pool opens at most.\n',
        'errors.md':
          '# Errors\n\nEvery error has a code.\n\n## Timeouts\n\nA socket that waits too long is destroyed.\n',
      });
    const intro =
      '# Client certificate\n\nAuthentication with a client certificate is set up on the Client: the key and certificate go in its connect options.\n\n';
    const code = 'const client = new Client(url, { connect: { key, cert, ca } })\n';
    const q = 'how do I use a client certificate?';
    const first = (files: ReturnType<typeof docs>, options = {}) => {
      const r = Engine.create(files, options).answer(q).results[0];
      return `${r?.source} ${r?.section ?? ''}`.trim();
    };
    // The guide's introduction restates the question through its title, as a section's heading would.
    const sectioned = docs(`${intro}## Example\n\n\`\`\`js\n${code}\`\`\`\n`);
    expect(first(sectioned)).toBe('client-certificate.md');
    // (Asked how to use what a title names, its introduction goes first anyway: see "What is X?".)
    const bonusOnly = { definitions: false };
    expect(first(sectioned, bonusOnly)).toBe('client-certificate.md');
    expect(first(sectioned, { ...bonusOnly, headingBonus: 0 })).toBe('connector.md Fingerprints');
    // Without sections, the title heads every passage of its document and singles none out.
    expect(first(docs(`${intro}${code}`), bonusOnly)).toBe('connector.md Fingerprints');
    expect(first(docs(`${intro}${code}`))).toBe('client-certificate.md');
  });

  it('gives no heading bonus to a title that is only the first sentence standing in for one', () => {
    const files = corpusOf({
      'a.md':
        'Webhooks send messages to a channel without a bot user.\n\n## Limits\n\nThirty messages a minute.\n',
      'b.md': '# B\n\nWebhooks are set up per channel and send messages as a named bot.\n',
      'c.md': '# C\n\nOther.\n',
    });
    const score = (options = {}) =>
      Engine.create(files, options)
        .answer('how do webhooks send messages to a channel?')
        .results.find((r) => r.source === 'a.md')?.score;
    expect(score()).toBe(score({ headingBonus: 0 }));
  });

  it("counts a heading's share by its words: one camelCase word restated whole is all of it", () => {
    const files = corpusOf({
      'client.md': `# Client

A client talks to one origin.

## keepAlive

Whether the socket stays open once a response ends, so the next request skips the handshake.

## Idle sockets

A keepalive socket waits for the next request, longer for busy origins, until the server or a timer closes it.
`,
      'pool.md': '# Pool\n\nA pool of clients to one origin.\n',
    });
    const q = 'what does keepalive do?';
    // \`keepAlive\` is one word (read whole, or as keep + alive), not three terms of which one matched.
    expect(Engine.create(files).answer(q).results[0]?.section).toBe('keepAlive');
    expect(Engine.create(files, { headingBonus: 0, definitions: false }).answer(q).results[0]?.section).toBe(
      'Idle sockets',
    );
  });

  it("counts no option's short form (`-r`) in a heading's share, and counts a number", () => {
    const files = corpusOf({
      'build.md': [
        '# cargo build\n\nCompile the current package.',
        '## Options\n\n### -r, --release\n\nBuild optimized artifacts with the release profile.',
        '### -j N, --jobs N\n\nNumber of parallel jobs to run.',
        '## Examples\n\nBuild the local package and all of its dependencies, then build it again for a release: cargo build --release (a release build takes longer)',
      ].join('\n\n'),
      'other.md': '# Other\n\nUnrelated words here.\n',
    });
    // `-r, --release` is restated whole by "release": its `-r` is no word the question lacks.
    for (const q of ['how do I build for release?', 'what does --release do?'])
      expect(Engine.create(files).answer(q).results[0]?.section, q).toBe('Options › -r, --release');
    // A number is a word of its heading: "step 1" restates `Step 1`, not `Step 2`.
    const setup = [
      'Download the installer from the releases page and check its signature.',
      'Run the installer and choose the folder where the program goes.',
      'Open the settings window and enter your licence key there.',
    ]
      .map((t, i) => `## Step ${i + 1}\n\n${t} This step of the setup takes about a minute on most machines.`)
      .join('\n\n');
    const steps = Engine.create(
      corpusOf({ 'setup.md': `# Setup guide\n\n${setup}\n`, 'other.md': '# Other\n\nNothing here.\n' }),
    );
    const [one, two] = steps.answer('in step 1 where does the program go?').results;
    expect(one?.section).toBe('Step 1');
    expect(one?.score).toBeGreaterThan(1.1 * (two?.score ?? 0));
  });

  it("reads an API reference's `Class:` before a title as its kind, not its subject", () => {
    const files = corpusOf({
      'agent.md': `# Class: Agent

An agent sends requests to many origins and keeps a pool of connections for each of them.

## new Agent([options])

Creates an agent. Its options are those of a pool.
`,
      'pool.md': `# Class: Pool

A pool of clients to one origin.

## Dispatching to several origins

Requests to another origin need an agent, or a pool for each origin: a pool sends requests to its own origin only.
`,
    });
    const q = 'what is an agent for?';
    // The heading bonus alone (a definition question also puts the introduction first: below).
    const first = (options = {}) => {
      const r = Engine.create(files, { definitions: false, ...options }).answer(q).results[0];
      return `${r?.source} ${r?.section ?? ''}`.trim();
    };
    expect(first()).toBe('agent.md');
    expect(first({ headingBonus: 0 })).toBe('agent.md new Agent([options])');
  });

  it("does not take an API heading's type for its subject", () => {
    const files = corpusOf({
      'api.md': `# Logger options

## levelVal (Number)

The level of this logger, to compare with each level name in code.

## Level values

Each level name maps to a number: trace is 10, debug 20, info 30, warn 40, error 50 and fatal 60.
`,
      'other.md': '# Other\n\nNothing here about loggers.\n',
      'output.md': '# Output\n\nLines are JSON objects.\n',
    });
    // "(Number)" is what levelVal holds, not what the section is about.
    const a = Engine.create(files).answer('which number does each level name map to?');
    expect(a.results[0]?.section).toBe('Level values');
  });
});

describe('definition questions', () => {
  const REFERENCE = corpusOf({
    'api/ProxyAgent.md': `# Class: ProxyAgent

Extends: undici.Dispatcher

A Proxy Agent class that implements the Agent API. It allows the connection through a proxy in a simple way.

## new ProxyAgent([options])

Arguments:

* **options** \`ProxyAgentOptions\` (required) - It extends the \`Agent\` options. A string is the proxy's URL.

### Example - Basic ProxyAgent instantiation

This will instantiate the ProxyAgent. It will not do anything until registered as the agent to use with requests: the ProxyAgent is a dispatcher like any other, and a ProxyAgent can be shared.
`,
    'api/EnvHttpProxyAgent.md': `# Class: EnvHttpProxyAgent

Extends: undici.Dispatcher

EnvHttpProxyAgent reads the proxy configuration from the environment variables and sets up a ProxyAgent for each protocol.

## Redirects

A ProxyAgent made by an EnvHttpProxyAgent follows the same redirect rules as any ProxyAgent.
`,
    'docs/transports.md': `# Transports

Transports can be used for both transmitting and transforming log output.

## Writing a transport

A transport is a module that exports a function returning a stream. Each transport runs in a worker thread; transports are loaded by name.
`,
    'docs/api.md': `# API

## transport (Object)

The transport option sends the log lines to one or more transports, each with its own level. Transports named here run in worker threads.

## Redaction

Redaction removes sensitive values from the log lines before they are written.

## Redaction paths

Paths that hold a hyphen need brackets: redaction paths use the same syntax as JavaScript.
`,
    'README.md': `# ws: a Node.js WebSocket library

ws is a simple to use, fast and thoroughly tested WebSocket client and server implementation.

## Sending binary data

\`\`\`js
import WebSocket from 'ws';
const ws = new WebSocket('ws://www.host.com/path');
ws.on('open', () => ws.send(new Float32Array(5)));
\`\`\`
`,
  });
  const on = Engine.create(REFERENCE);
  const off = Engine.create(REFERENCE, { definitions: false });
  const first = (engine: Engine, q: string) => {
    const r = engine.answer(q).results[0];
    return `${r?.source} ${r?.section ?? ''}`.trim();
  };

  it('reads what a question asks to have defined', () => {
    const asked = {
      'what is a ProxyAgent?': 'ProxyAgent',
      "What's the BalancedPool": 'BalancedPool',
      'what are transports ?': 'transports',
      'What does EnvHttpProxyAgent do?': 'EnvHttpProxyAgent',
      'what does ECONNRESET mean?': 'ECONNRESET',
      'what is the mixin option for?': 'mixin option',
      'Who is Carlin?': 'Carlin',
      'what does convey mean in the GPL?': 'convey',
      'what does the MPL mean by a modification?': 'modification',
      'what counts as a transparent copy of a document?': 'transparent copy of a document',
      'what is meant by "Standard Version"': '"Standard Version"',
      'define larger work': 'larger work',
      'when should I use peerDependencies?': 'peerDependencies',
      'how do I use a client certificate?': 'client certificate',
      'how does redaction work?': 'redaction',
      'tell me about transports': 'transports',
      // As typed in a chat: after a mention, a lead-in, an emoji.
      '<@123456789012345678> ok so what does the MPL mean by a modification?': 'modification',
      'hey \u{1F44B} what counts as a transparent copy?': 'transparent copy',
      'what does it mean when the build fails in CI on Windows with an odd error?': undefined,
      'what is the default timeout when the server never answers at all?': undefined,
      'how do I set up a proxy?': undefined,
      'what happens when a request fails?': undefined,
      'how do I use it?': 'it',
      'how does it work when the server restarts in the middle of a long transfer?': undefined,
    };
    for (const [q, subject] of Object.entries(asked)) expect(definitionSubject(q)).toBe(subject);
  });

  it('answers what X is with the opening of the document X names, however often others repeat X', () => {
    expect(first(on, 'what is a ProxyAgent?')).toBe('api/ProxyAgent.md');
    // Its description, not the paragraph before it run on into it ("Extends: undici.Dispatcher").
    expect(on.answer('what is a ProxyAgent?').answer?.text).toMatch(
      /^A Proxy Agent class that implements the Agent API\./,
    );
    expect(first(off, 'what is a ProxyAgent?')).not.toBe('api/ProxyAgent.md');
    expect(first(on, 'What does EnvHttpProxyAgent do?')).toBe('api/EnvHttpProxyAgent.md');
  });

  it('prefers a document over a section of the same name, and reads plurals and taglines', () => {
    expect(first(on, 'what are transports?')).toBe('docs/transports.md');
    expect(first(off, 'what are transports?')).not.toBe('docs/transports.md');
    expect(first(on, "what's ws")).toBe('README.md');
    // Without the rule, a title weighted as the body leaves the README's two letters behind.
    const flat = Engine.create(REFERENCE, { definitions: false, titleWeight: 1 });
    expect(first(flat, "what's ws")).not.toBe('README.md');
  });

  it("answers with a section's opening when its heading is all of X", () => {
    expect(first(on, 'what is redaction?')).toBe('docs/api.md Redaction');
    expect(first(on, 'what are redaction paths for?')).toBe('docs/api.md Redaction paths');
    // Asked when to use X or how it works, X's introduction says that too.
    for (const q of ['when should I use redaction paths?', 'how do redaction paths work?'])
      expect(first(on, q)).toBe('docs/api.md Redaction paths');
  });

  it('reads a numbered heading by its words: a definitions section, a FAQ', () => {
    const license = corpusOf({
      'LICENSE.txt': `Public License

1. Definitions

1.1. "Contributor"
    means each individual or legal entity that creates or contributes to the Covered Software.

1.2. "Contributor Version"
    means the combination of the Contributions of others used by a Contributor and that particular Contributor's Contribution.

1.7. "Larger Work"
    means a work that combines Covered Software with other material, in a separate file.

3. Responsibilities

3.3. Distribution of a Larger Work

You may create and distribute a Larger Work under terms of Your choice, provided that the Larger Work complies with this License; a Larger Work is not Covered Software.
`,
      'FAQ.txt': `Frequently Asked Questions

1.2 What is libcurl?

  libcurl is a reliable and portable library for doing Internet data transfers.

5.7 Link errors when building libcurl on Windows

  You need to make sure that your project and all the libraries that libcurl links against use the same runtime.
`,
    });
    const q = (text: string, options = {}) => first(Engine.create(license, options), text);
    expect(q('what is a Larger Work?')).toBe('LICENSE.txt 1. Definitions › 1.7. "Larger Work"');
    expect(q('what is a Larger Work?', { definitions: false })).not.toBe(
      'LICENSE.txt 1. Definitions › 1.7. "Larger Work"',
    );
    expect(q('what does Contributor mean?')).toBe('LICENSE.txt 1. Definitions › 1.1. "Contributor"');
    expect(q('what is libcurl?')).toBe('FAQ.txt 1.2 What is libcurl?');
  });

  it('reads a phrasal verb as the verb it means: turn on is enable, get rid of is remove', () => {
    const corpus = corpusOf({
      'logging.md':
        '# Logging\n\nLogging is disabled by default. Enable logging by passing `{ logger: true }` when you create the server.\n',
      'hooks.md':
        '# Request logging\n\nEach hook runs in turn, and the logging of the request is passed to it as its second argument, with the reply object and the callback that ends the hook when it is done.\n',
      'uninstall.md': '# Uninstalling\n\nTo remove a package, run `npm uninstall` with its name.\n',
      'dependencies.md':
        '# Dependencies\n\nEvery package a project depends on is listed in its package file.\n',
    });
    const first = (q: string, options = {}) =>
      Engine.create(corpus, options).answer(q).results[0]?.text.slice(0, 30);
    expect(first('how do I turn on logging?')).toBe('Logging is disabled by default');
    expect(first('how do I turn on logging?', { phrasalWeight: 0 })).not.toBe(
      'Logging is disabled by default',
    );
    expect(first('how do I get rid of a package?')).toBe('To remove a package, run npm u');
    expect(first('how do I get rid of a package?', { phrasalWeight: 0 })).not.toBe(
      'To remove a package, run npm u',
    );
  });

  it('answers "what is X?" with the paragraph that defines X in quotes, as licences do', () => {
    const license = corpusOf({
      'LICENSE.txt': `Documentation License

1. Applicability and Definitions

A "Modified Version" of the Document means any work containing the Document or a portion of
it, either copied verbatim, or with modifications and/or translated into another language.

A "Transparent" copy of the Document means a machine-readable copy, represented in a format
whose specification is available to the general public.

If you publish or distribute Opaque copies of the Document, you must either include a
machine-readable Transparent copy along with each Opaque copy, or state in or with each Opaque
copy a computer-network location from which the general network-using public has access to
download a complete Transparent copy of the Document.

The "Invariant Sections" are certain Secondary Sections whose titles are designated, as being
those of Invariant Sections, in the notice that says that the Document is released under this
License.

2. Verbatim Copying

You may copy and distribute a Transparent copy or an Opaque copy of the Document, and of the
Invariant Sections, in any medium, provided that this License is reproduced in all copies.
`,
      'ARTISTIC.txt': `Artistic License

"Standard Version" refers to such a Package if it has not been modified, or has been modified
in accordance with the wishes of the Copyright Holder.

You may distribute a Standard Version of the Package, or a modified version, in any medium,
provided that you duplicate all of the original copyright notices of the Standard Version.
`,
    });
    const q = (text: string, options = {}) => Engine.create(license, options).answer(text).results[0]?.text;
    // The short definitions section is one passage: the one that holds the definition.
    expect(q('what counts as a transparent copy of a document?')).toContain(
      'A "Transparent" copy of the Document means',
    );
    expect(q('what counts as a transparent copy of a document?', { definitions: false })).not.toContain(
      'A "Transparent" copy of the Document means',
    );
    expect(q('what are invariant sections?')).toContain('The "Invariant Sections" are certain');
    expect(q('what does standard version mean in the artistic license?')).toMatch(
      /^"Standard Version" refers to such a Package/,
    );
    expect(q('what does standard version mean in the artistic license?', { definitions: false })).not.toMatch(
      /^"Standard Version" refers to such a Package/,
    );
  });

  it('reads documents of every shape: a section with no passage of its own, a document without sections after it', () => {
    const engine = Engine.create(
      corpusOf({
        // "Prices" holds only a paragraph said before: it is indexed once, under "Lockers".
        'a.md':
          '# Guide\n\nThe guide to the workshop.\n\n## Lockers\n\nLockers are rented by the month.\n\n## Prices\n\nLockers are rented by the month.\n',
        'b.txt': 'Opening hours\n\nThe workshop opens at nine and closes at six.',
        'c.txt': 'House rules\n\nClean the bench you used before you leave.',
      }),
    );
    expect(first(engine, 'what are lockers?')).toBe('a.md Lockers');
    expect(first(engine, 'what are the opening hours?')).toBe('b.txt');
    expect(first(engine, 'what is the guide?')).toBe('a.md');
  });

  it('takes no passage for an introduction a document lacks, or whose opening is a duplicate', () => {
    const engine = (files: Record<string, string>, options = {}) => Engine.create(corpusOf(files), options);
    // No introduction: the first section is not what the widget is.
    const widget = {
      'widget.md':
        '# Widget\n\n## Install\n\nnpm install widget-kit.\n\n## Widget config\n\nThe widget reads config.json and draws itself on the page.',
      'other.md': '# Other\n\nNothing about it here.',
      'more.md': '# More\n\nStill nothing.',
    };
    expect(first(engine(widget), 'what is a widget?')).toBe(
      first(engine(widget, { definitions: false }), 'what is a widget?'),
    );
    // beta.md opens with a paragraph alpha.md said first: it is indexed there, not as beta's opening.
    const shared = 'Both tools read the same settings file.';
    const tools = {
      'alpha.md': `# Alpha\n\n${shared}\n\n## Install\n\nnpm install alpha.`,
      'beta.md': `# Beta\n\n${shared}\n\n## Install\n\nnpm install beta.`,
      'gamma.md': '# Gamma\n\nGamma draws charts.',
    };
    expect(first(engine(tools), 'what is beta?')).toBe(
      first(engine(tools, { definitions: false }), 'what is beta?'),
    );
  });

  it("reads a heading's apostrophes and short words as a question does", () => {
    const engine = Engine.create(
      corpusOf({
        'faq.md':
          "# FAQ\n\n## What's curl?\n\nA command line tool for transfers.\n\n## Who uses curl\n\nMany curl users ask what is curl good for.",
        'news.md': '# News\n\nThe 8.0 release is out.',
        'changes.md': '# Changes\n\n## New\n\nA new option for retries.',
      }),
    );
    expect(first(engine, 'what is curl?')).toBe("faq.md What's curl?");
    // "News" is not the plural of "new".
    expect(first(engine, "what's new?")).toBe('changes.md New');
  });

  it('reads a heading of 400,000 brackets in linear time', () => {
    const engine = Engine.create(
      corpusOf({
        'a.md': `# Title\n\nIntro text.\n\n## ${'()'.repeat(200_000)}x\n\nBody of the long section.`,
        'b.md': '# B\n\nOther text.',
        'c.md': '# C\n\nMore text.',
      }),
    );
    expect(engine.answer('what is the title?').results[0]?.text).toBe('Intro text.');
    expect(engine.answer('where is the body of the long section?').results[0]?.source).toBe('a.md');
  });

  it('changes nothing for other questions, or when X is only part of a heading', () => {
    for (const q of [
      'how do I set up a proxy agent?',
      'what is the proxy configuration read from?',
      'what is a transport option?',
    ]) {
      expect(on.answer(q).results.map((r) => r.paragraph)).toEqual(
        off.answer(q).results.map((r) => r.paragraph),
      );
    }
  });

  it('keeps to the documents asked about', () => {
    const r = on.answer('what is a ProxyAgent?', { source: 'api/EnvHttpProxyAgent.md' }).results[0];
    expect(r?.source).toBe('api/EnvHttpProxyAgent.md');
  });
});

describe('derived words and acronyms', () => {
  it('matches the longer words a question word begins, below an exact match', () => {
    const a = news.answer('Why does Iraq share intelligence with Russia?');
    expect(a.results[0]?.text).toContain('intelligence-sharing agreement');
    expect(news.answer('where are they holding out?').results[0]?.text).toContain('holdouts');
  });

  it('finds the place a word for its people is made from: through an alias, or written, when capitalised', () => {
    const world = Engine.create(
      corpusOf(
        {
          'wire.txt':
            'Briefing\n\nCarlin said the United States has charged 60 militants with trying to travel to Syria.\n\nOfficials in Baghdad said Iraq would share intelligence with its neighbours.\n',
          'media.txt': 'Press\n\nThe media office publishes a summary every week.\n',
          'other.txt': 'Weather\n\nIt rained all week in the capital.\n',
        },
        'US, United States, America\n',
      ),
    );
    // "Americans" is nowhere in the documents: America, through its aliases, is.
    const americans = world.answer('what did Carlin say about Americans going to Syria?');
    expect(americans.notFound).toEqual([]);
    expect(americans.answer?.text).toMatch(/^Carlin said the United States/);
    expect(world.answer('what did carlin say about americans going to Syria?').answer?.text).toMatch(
      /^Carlin said/,
    );
    // Written in the documents, for a word capitalised in the question.
    expect(world.answer('Will the Iraqis share intelligence?').answer?.text).toMatch(/^Officials in Baghdad/);
    // Not an everyday word in lower case that only looks like one: "median" is no people of "media".
    expect(world.answer('how is the median of the weekly summary computed?').notFound).toContain('median');
  });

  it('corrects a typo in a part of a hyphenated name, whole or alone', () => {
    const world = Engine.create(
      corpusOf({
        'wire.txt':
          "Briefing\n\nIn a rare address last month, the group's leader Abu Bakr al-Baghdadi urged his followers to continue their fight.\n\nThe ministry said the talks went well.\n",
        'other.txt': 'Weather\n\nIt rained all week in the capital.\n',
        'more.txt': 'Sport\n\nThe match was cancelled.\n',
      }),
    );
    for (const q of ['What did al-Bagdadi tell his followers?', 'what did bagdadi tell his followers?']) {
      const a = world.answer(q);
      expect(a.notFound, q).toEqual([]);
      expect(
        a.corrections.map((c) => c.to[0]),
        q,
      ).toEqual([q.includes('al-') ? 'al-baghdadi' : 'baghdadi']);
      expect(a.answer?.text, q).toMatch(/^In a rare address/);
    }
  });

  it('reads an acronym as the capitalised words it stands for', () => {
    expect(top(news, 'What did the PM do at the summit?')?.text).toContain('Prime Minister');
    expect(top(news, 'MPL maintainers')?.text).toContain('Mozilla Public License');
  });

  it('reads an acronym the documents never write as the document whose title it abbreviates, in capitals or not', () => {
    const licences = Engine.create(
      corpusOf({
        'fdl.txt':
          'GNU Free Documentation License\n\nTranslation is considered a kind of modification, so you may distribute translations of the Document under the terms of section 4.\n\nYou may copy and distribute the Document in any medium, either commercially or noncommercially.\n',
        'artistic.txt':
          'The Artistic License\n\nYou may make and give away verbatim copies of the source form of the Standard Version of this Package.\n',
        'other.txt': 'Notes\n\nThe mirror syncs the package list every night.\n',
      }),
    );
    for (const q of [
      'can I translate a document under the GFDL?',
      'can I translate a document under the gfdl?',
    ]) {
      const a = licences.answer(q);
      expect(a.related, q).not.toBe('missing');
      expect(a.answer?.text, q).toMatch(/^Translation is considered/);
    }
    // An acronym no title gives is still missing.
    expect(licences.answer('can I translate a document under the XQZL?').related).toBe('missing');
    // A passage inside one of the document's sections, whose title field lacks the title (a
    // first line ending like a sentence is no headline), is in the document the acronym names
    // all the same: a direct answer.
    const sectioned = Engine.create(
      corpusOf({
        'fdl.txt':
          'GNU Free Documentation License.\n\n9. TERMINATION\n\nIf you cease all violation of this License, then your license from a particular copyright holder is reinstated.\n\n10. FUTURE REVISIONS\n\nThe Free Software Foundation may publish new, revised versions of this License from time to time.\n',
        'artistic.txt':
          'The Artistic License\n\nYou may make and give away verbatim copies of the source form of the Standard Version of this Package.\n',
        'other.txt': 'Notes\n\nThe mirror syncs the package list every night.\n',
      }),
    );
    const back = sectioned.answer('if I stop the violation, is my GFDL license reinstated?');
    expect(back.results[0]?.section).toBe('9. TERMINATION');
    expect(back.answer?.text).toMatch(/^If you cease all violation/);
    // Another document that writes the title out holds it as well.
    const readme = Engine.create(
      corpusOf({
        'fdl.txt':
          'GNU Free Documentation License\n\n1. APPLICABILITY\n\nThis License applies to any manual.\n',
        'readme.md':
          '# Widget\n\n## Manual\n\nThe manual of Widget is distributed under the GNU Free Documentation License, version 1.3.\n',
        'other.txt': 'Notes\n\nThe mirror syncs the package list every night.\n',
      }),
    );
    const manual = readme.answer('is the Widget manual distributed under the GFDL?');
    expect(manual.results[0]?.source).toBe('readme.md');
    expect(manual.answer?.text).toContain('distributed under the GNU Free Documentation License');
    // The title's words scattered over a passage are not the title.
    const scattered = Engine.create(
      corpusOf({
        'fdl.txt':
          'GNU Free Documentation License\n\n1. APPLICABILITY\n\nThis License applies to any manual.\n',
        'gpl.txt':
          'GNU General Public License\n\n1. Selling\n\nThe GNU General Public License is a free license: you may sell copies of the manual and its documentation.\n',
        'other.txt': 'Notes\n\nThe mirror syncs the package list every night.\n',
      }),
    );
    expect(scattered.answer('can I sell copies of the manual under the GFDL?').answer).toBeNull();
  });

  it('reads the acronym of a title set in capitals, and of a file named by one, as that document', () => {
    const licences = Engine.create(
      corpusOf({
        'LGPL-2.1.txt':
          '                  GNU LESSER GENERAL PUBLIC LICENSE\n\nA program that contains no derivative of any portion of the Library, but is designed to work with the Library by being compiled or linked with it, is called a work that uses the Library.\n',
        'BSD-3-Clause.txt':
          'Copyright (c) The Regents of the University of California.\n\nNeither the name of the University nor the names of its contributors may be used to endorse or promote products derived from this software.\n',
        'other.txt': 'Notes\n\nThe mirror syncs the package list every night.\n',
      }),
    );
    const linked = licences.answer('is a program linked with an lgpl library a work that uses the library?');
    expect(linked.notFound).toEqual([]);
    expect(linked.answer?.text).toMatch(/^A program that contains no derivative/);
    const endorse = licences.answer(
      'can the university be named to endorse products derived from bsd software?',
    );
    expect(endorse.notFound).toEqual([]);
    expect(endorse.answer?.text).toMatch(/^Neither the name of the University/);
    // Named so, the document must give the direct answer: the other texts only relate to it.
    expect(
      licences.answer('can the university endorse products derived from lgpl software?').answer,
    ).toBeNull();
  });

  it('takes no acronym from the names projects give their files by custom, nor from joining words', () => {
    const project = Engine.create(
      corpusOf({
        'README.md': '# My Tool\n\nInstall it with npm install my-tool, then run my-tool init.\n',
        'FAQ.md': '# Questions\n\nThe tool runs on Linux and macOS.\n',
        'TERMS_AND_USE.txt': 'TERMS AND CONDITIONS OF USE\n\nYou may use the tool for any purpose.\n',
      }),
    );
    expect(project.answer('how do i install it from the faq?').notFound).toContain('faq');
    expect(project.answer('what does the taco say about any purpose?').notFound).toContain('taco');
  });
});

describe('aliases', () => {
  it('match whole phrases only, and only a whole phrase is marked', () => {
    const a = news.answer('How many IS fighters are active?', { limit: 5 });
    expect(a.results[0]?.text).toContain('2,000');
    const state = a.results.find((r) => r.text.includes('United States'));
    // "States" alone is not "Islamic State": not matched for it, not marked.
    if (state) {
      const marked = state.marks.map(([s, e]) => state.excerpt.slice(s, e).toLowerCase());
      expect(marked).not.toContain('states');
    }
    const first = a.results[0];
    const marked = (first?.marks ?? []).map(([s, e]) => first?.excerpt.slice(s, e));
    expect(marked).toContain('Islamic State');
  });
});

describe('aliases among many groups', () => {
  it('take the longest phrase that starts at a word, whichever group has it', () => {
    const junk = Array.from({ length: 2000 }, (_, g) =>
      Array.from({ length: 32 }, (_, m) => `junk${g}x${m}`).join(', '),
    );
    const e = Engine.create(
      corpusOf({
        'aliases.txt': ['new york, gotham', ...junk, 'new york city, big apple'].join('\n'),
        'apple.md': '# Visits\n\nThe big apple has a famous city hall downtown.\n',
        'gotham.md': '# Gotham\n\nGotham has a harbour full of ferries.\n',
        'other.md': '# Other\n\nNothing about any town here.\n',
      }),
    );
    expect(e.answer('Where is the new york city hall?').results[0]?.source).toBe('apple.md');
    expect(e.answer('Does new york have ferries?').results[0]?.source).toBe('gotham.md');
    expect(e.answer('Is junk1999x31 a thing?').notFound).toEqual([]);
  });
});

describe('examples in a question', () => {
  it('finds the words a question gives as examples, not the object of "would like"', () => {
    expect([...exampleWords('level names like "info" in the json instead of numbers like 30?')]).toEqual([
      'info',
      '30',
    ]);
    expect([...exampleWords('options such as `redact`, `level` or "base"?')]).toEqual([
      'redact',
      'level',
      'base',
    ]);
    expect([...exampleWords('does it read a format, e.g. YAML?')]).toEqual(['yaml']);
    expect([...exampleWords("I'd like 30 workers; we would like a refund; it looks like a bug")]).toEqual([]);
  });

  it('still says an example the documents lack is not in them', () => {
    const a = api.answer('how many times is a failed request sent again, on a reset like ECONNRESET?');
    expect(a.notFound).toContain('econnreset');
    expect(a.related).toBe('missing');
  });

  it('neither puts first a passage for holding an example the question gives, nor refuses one without it', () => {
    const e = Engine.create(
      corpusOf({
        'levels.md':
          '# Log levels as labels\n\nBy default each line prints the level as a number. The `formatters.level` option prints its label, such as info or warn, instead of the number.\n',
        'browser.md':
          "# Browser\n\nWith `asObject`, the logger writes each level as an object such as `{ level: 30, msg: 'hi' }` to the console instead of a string.\n",
        'other.md': '# Transports\n\nTransports run in a worker thread.\n',
      }),
    );
    const a = e.answer('how can I get level names like "info" in the output instead of numbers like 30?');
    expect(a.results[0]?.source).toBe('levels.md');
    expect(a.answer?.source).toBe('levels.md');
  });
});

describe('contractions typed without an apostrophe', () => {
  it('reads "whats" and "doesnt" as "what\'s" and "doesn\'t"', () => {
    const need = (q: string) => api.answer(q).need;
    expect(need('whats the default for maxRetries?')).toEqual(need("what's the default for maxRetries?"));
    expect(need('the socket doesnt stay open, why?')).toEqual(need("the socket doesn't stay open, why?"));
    expect(api.answer('whats the default for maxRetries?').notFound).toEqual([]);
  });

  it('reads spoken contractions ("gonna", "kinda") as the words they shape, not as something the documents lack', () => {
    const a = api.answer('is the client gonna give up after kinda few retries?');
    expect(a.notFound).toEqual([]);
    expect(a.answer).not.toBeNull();
    // Only as written: a name one letter away is no typo of one.
    expect(api.answer('does the client retry on Lemmy?').notFound).toEqual(['lemmy']);
    // "id like to…" opening a sentence is "I'd"; an id elsewhere is an id.
    expect(api.answer('id like to know how many times a failed request is sent again').notFound).toEqual([]);
    expect(api.answer('Id rather know how many times a failed request is sent again').notFound).toEqual([]);
    expect(api.answer('what ID does a failed request get?').notFound).toEqual(['id']);
    expect(api.answer('can the id of a failed request be sent again?').notFound).toEqual(['id']);
    expect(api.answer('id like to know the request id').notFound).toEqual(['id']);
  });
});

describe('greetings, thanks and chat shorthand', () => {
  it('reads a question without the greeting before it and the thanks after it', () => {
    // The question as read, by default the question as written.
    const reads = (q: string, asked = q) => expect(withoutCourtesies(q)).toBe(asked);
    reads('hey guys, how do I set a timeout? thx', 'how do I set a timeout?');
    reads(
      'Good morning all \u2014 what is the default port? Thanks in advance!',
      'what is the default port?',
    );
    reads('hi how do i install it pls', 'how do i install it');
    // Shorter greetings, as the words a question is read for already skip them.
    reads('gm what does the MPL mean by a modification?', 'what does the MPL mean by a modification?');
    reads('sup, how do I retry?', 'how do I retry?');
    reads('SUP files are what?', 'SUP files are what?');
    expect(definitionSubject('gm what does the MPL mean by a modification? Any pointers appreciated.')).toBe(
      'modification',
    );
    reads('hey, quick question: does anyone know how to retry? Any help appreciated!', 'how to retry?');
    reads('Sorry if this is a dumb question but is it free? Any ideas?', 'is it free?');
    reads('newbie here. Can someone tell me how retries work?', 'how retries work?');
    reads('I was wondering if pino supports Deno', 'pino supports Deno');
    reads('ok so how do I retry?', 'how do I retry?');
    reads('so basically how do I retry?', 'how do I retry?');
    reads('hello?? how do I retry?', 'how do I retry?');
    reads('hey @docsbot how do I retry?', 'how do I retry?');
    reads('how do I retry? cc @maintainers', 'how do I retry?');
    reads('how do I retry? thanks a ton!!!', 'how do I retry?');
    reads('how do I retry, if that makes sense', 'how do I retry');
    reads('can I retry or is that not possible?', 'can I retry');
    reads('Hey, sorry to bother: how do I retry?', 'how do I retry?');
    reads('Sorry to bother, but how do I retry?', 'how do I retry?');
    reads('how do I retry? Cheers, Tom', 'how do I retry?');
    reads('how do I retry?\n\nKind regards\nTom', 'how do I retry?');
    reads('how do I retry?\n\nSent from my iPhone', 'how do I retry?');
    reads('hi all! quick one: how do I retry?', 'how do I retry?');
    reads('Not sure if this is the right channel, but how do I retry?', 'how do I retry?');
    // "hello world" is a program, not a greeting.
    reads('hello world example in pino?');
    // Not every "best" signs off, nor every @name addresses someone, nor every "sent from my".
    for (const q of [
      'what are the best practices',
      'how do I translate best regards',
      '@Injectable decorator not working in NestJS?',
      'how do I silence an error with @ts-expect-error?',
      'why is the mail marked as spam when sent from my server?',
      'how do I test if it makes sense',
    ])
      reads(q);
    // A run of closings that could be cut many ways is cut from the end, one at a time.
    const signOffs = `how do I retry?${' thx, ty'.repeat(60)}`;
    reads(signOffs, 'how do I retry?');
    expect(withoutCourtesies(`how do I retry ${'@x..'.repeat(100)};`)).toContain('how do I retry');
    // A version in brackets after the question is the asker's, as "(I'm on Linux)" is.
    expect([...contextWords('how do I retry? (v4.2.0)')]).toEqual(['v4', '2', '0']);
    // A closing after the aside leaves the aside's bracket to it.
    reads('how do I retry? (v4.2.0), if that makes sense', 'how do I retry? (v4.2.0)');
    reads('can u tell me how retries work?', 'how retries work?');
    // A name the message is addressed to, typed as text; a scoped package is a word.
    reads('@docsbot how do I retry?', 'how do I retry?');
    reads('@docsbot, what is a pool?', 'what is a pool?');
    reads('@types/node has no fetch types?');
    reads('um, what is a pool?', 'what is a pool?');
    reads('pls help: what is a pool?', 'what is a pool?');
    reads('Help needed! what is a pool? (sorry for my bad english)', 'what is a pool?');
    reads('help me understand pools');
    // "well-known" and "so-called" are words, not "well" and "so".
    reads('well-known symbols?');
    reads('so-called redirects?');
    reads(`${'?'.repeat(499)}a`);
    // A long run of closings that does not end the question is cut one way only, at once.
    const run = `is it free? ${'pls  '.repeat(100)}x`;
    reads(run);
    // Nor a long run of spaces before closings (see pathological.test.ts).
    const spaced = `how do i set a timeout${' '.repeat(300)}${' ty'.repeat(59)}`;
    expect(withoutCourtesies(spaced).trimEnd()).toBe('how do i set a timeout');
    reads('what is a pool? any idea?', 'what is a pool?');
    reads('what is a pool? (sorry if dumb question)', 'what is a pool?');
    reads('what is a pool? Sorry if this is a stupid question.', 'what is a pool?');
    // Where the asker looked first asks nothing.
    reads("how do I set a timeout? I read the docs but couldn't find it.", 'how do I set a timeout?');
    reads(
      "I've already checked the documentation, but can't find anything. how do I retry?",
      'how do I retry?',
    );
    reads('i googled. what is a pool?', 'what is a pool?');
    reads('i read files with fs, how do I close them?');
    reads('I read the docs on streams. What is a pool?');
    // Who it is addressed to, "I'm new here", "hope you are all doing well", "Please advise."
    reads('guys, how do I retry?', 'how do I retry?');
    reads('folks how do I retry?', 'how do I retry?');
    reads('everyone can join?');
    reads("I'm new here. how do I retry?", 'how do I retry?');
    reads("how do I retry? I'm new to this.", 'how do I retry?');
    reads('hope you are all doing well! how do I retry?', 'how do I retry?');
    reads('how do I retry? Please advise.', 'how do I retry?');
    reads("I'm new to streams, what is a pool?");
    // How the asker fares, and a call for help before the question.
    reads('how do I retry? What am I doing wrong?', 'how do I retry?');
    reads('how do I retry? am I missing something obvious?', 'how do I retry?');
    reads("how do I retry? I've been stuck on this for hours.", 'how do I retry?');
    reads('Can anyone help? how do I retry?', 'how do I retry?');
    reads('could someone help me out here: how do I retry?', 'how do I retry?');
    reads('Hope this is the right place. how do I retry?', 'how do I retry?');
    reads('how do I retry? Thanks for your time.', 'how do I retry?');
    reads('how do I retry? Thank you very much!', 'how do I retry?');
    reads('what am I missing?');
    reads('What am I missing here: the config or the env var?');
    // After a statement, "Is this a bug?" is the question; "I have an issue." is what "it" is.
    reads('Curl ignores NO_PROXY. Is this a bug?');
    reads('I have an issue. Where do I report it?');
    reads('Question - answer format: what is it?');
    // Words that could be asked about stay unless a sentence or a comma comes before them.
    reads('how do I thank you for reading');
    reads('how do I use thanks all?');
    reads('What is any idea?');
    reads('how do I retry? Thanks guys!', 'how do I retry?');
    reads('how do I retry? Any pointers appreciated.', 'how do I retry?');
    reads('how do I retry? Any tips are welcome!', 'how do I retry?');
    reads('Morning all, how do I retry? Would appreciate any guidance.', 'how do I retry?');
    reads('how do I retry? Thoughts? Sorry for the long post.', 'how do I retry?');
    reads('how do I retry? Help would be appreciated, urgent!', 'how do I retry?');
    reads('evening classes: when do they start?');
    reads('any thoughts on retries');
    reads('is it urgent?');
    // What the asker says of the question or of themselves.
    reads('Sorry if this was asked before, how do I retry?', 'how do I retry?');
    reads('Hi, long time lurker here. how do I retry? This is driving me crazy.', 'how do I retry?');
    reads('how do I retry? Still learning, sorry. Edit: typo', 'how do I retry?');
    reads('how do I retry? Thanks a lot in advance', 'how do I retry?');
    reads('Hiii how do I retry? tysm', 'how do I retry?');
    reads('heyyy, how do I retry? thx in advance', 'how do I retry?');
    reads('I am working on a project and how do I retry?', 'how do I retry?');
    reads('hiking trails?');
    reads('urgent: how do I retry? any clue? thanks in advance guys', 'how do I retry?');
    reads('is it urgent: yes or no?');
    reads('Good day, how do I retry? (new to this) Thanks heaps! Cheers mate', 'how do I retry?');
    reads('how do I retry? ty in advance', 'how do I retry?');
    reads('good day trading tips?');
    reads('Dear all, how do I retry? Please guide.', 'how do I retry?');
    reads('Hello sir, how do I retry? Waiting for your reply. Thanks and regards.', 'how do I retry?');
    reads('dear diary: what is a pool?');
    reads('is waiting for a response supported?');
    // Where the words are what is asked, they stay.
    for (const q of [
      'HELO is rejected by the server, why?',
      "I'm building a Fastify app and how do I set the log level?",
      'urgent: true — what does this option do?',
      'What levels are there: low, normal, urgent?',
      'How do I display any clues?',
      'The transport hangs on exit. Waiting for a response.',
      'My model trains fine. Still learning?',
      'types: ideas, todos, thoughts?',
    ])
      reads(q);
    reads('Dear Sir/Madam, how do I retry? any clue?', 'how do I retry?');
    reads('what does new to this version mean?');
    // A capitalised word after the question is a word of it, not a new sentence.
    reads('how do I mark a ticket as Urgent');
    reads('my app is called Thoughts');
    // After a comma, the last item of a list is no closing.
    reads('which priorities exist: low, normal, urgent');
    // A morning without "good" greets only those it names.
    reads('Morning all, how do I retry?', 'how do I retry?');
    reads('Evening, weekend and holiday rates: where are they listed?');
    reads('Morning is there a ferry?');
    reads('why does stuck mode happen?');
    // What a question adds after it and asks nothing by; "Question:" before it.
    reads('how do I retry? Is that possible?', 'how do I retry?');
    reads('how do I retry? Does that make sense?', 'how do I retry?');
    reads('how do I retry? Any help?', 'how do I retry?');
    reads('how do I retry? Is this a bug?', 'how do I retry?');
    reads('how do I retry? Should be simple but I cannot figure it out.', 'how do I retry?');
    reads('Question: how do I retry?', 'how do I retry?');
    reads('question-answering models?');
    reads('is it possible to retry?');
    reads('can I install it without any help?');
    reads('retries fail. is it a bug in the pool?');
    reads('how do I retry? Thanks, appreciate it!', 'how do I retry?');
    reads('I have a problem: how do I retry?', 'how do I retry?');
    reads('Hi all, hope someone can help. how do I retry?', 'how do I retry?');
    reads("how do I retry? I'm a beginner. (first post here)", 'how do I retry?');
    reads('how do I retry? Let me know if you need more info.', 'how do I retry?');
    reads('Good morning! how do I retry? Have a nice day! Best, Sam', 'how do I retry?');
    reads('I have an issue with retries');
    reads('what is the best, Sam?');
    // A follow-up asking for an example of it asks the same.
    reads('how do I set a timeout? Is there an example?', 'how do I set a timeout?');
    reads('what is a pool? any examples? thx', 'what is a pool?');
    reads('how do I retry?\nDo you have an example of this?', 'how do I retry?');
    reads('Are there examples of plugins?');
    reads('how do I write one? Are there examples of plugins?');
    reads('is there an example');
    // Nothing else to ask, or the words are what it asks about: left as they are.
    reads('thanks');
    reads('hello world example?');
    reads('what does the please command do');
    reads('I have a question about streams');
    reads('where can I find tips');
  });

  it('asks the same of documents that happen to say "guys" or "thanks"', () => {
    const e = Engine.create(
      corpusOf({
        'ferry.md':
          '# Ferry\n\nThe ferry leaves the north pier at 7 am and 5 pm.\n\nThanks to the guys at the harbour office for the new timetable.\n',
        'pier.md': '# Pier\n\nThe north pier is closed on Sundays.\n',
        'market.md': '# Market\n\nThe fish market opens at dawn.\n',
      }),
    );
    const plain = e.answer('when does the ferry leave?');
    const chatty = e.answer('hey guys, when does the ferry leave? thanks');
    expect(chatty.need).toEqual(plain.need);
    expect(chatty.answer?.text).toContain('7 am and 5 pm');
    // Shorthand the documents lack is no word they fail to cover.
    const shorthand = e.answer('btw when does the ferry leave? idk, tia, lmk :)');
    expect(shorthand.notFound).toEqual([]);
    expect(shorthand.answer?.text).toContain('7 am and 5 pm');
    // "right now", "at the moment", "though" typed short.
    const short = e.answer('im at the pier rn, when does the ferry leave tho? atm ngl');
    expect(short.notFound).toEqual([]);
    expect(short.answer?.text).toContain('7 am and 5 pm');
    // Documents that write it (React Native's RN) keep it a word.
    const rn = Engine.create(
      corpusOf({
        'rn.md': '# Mobile\n\nThe RN bridge ships with the mobile kit.\n',
        'web.md': '# Web\n\nThe web kit runs in every browser.\n',
        'cli.md': '# CLI\n\nThe command line kit builds both.\n',
      }),
    );
    expect(rn.answer('does the rn bridge ship with the kit?').answer?.text).toContain('RN bridge');
    expect(rn.answer('does the rn bridge ship with the kit?').need).toContain('rn');
  });

  it('reads a greeting before any word as no word, unless the documents write it', () => {
    const ferry = Engine.create(
      corpusOf({
        'ferry.md': '# Ferry\n\nThe ferry to the island leaves the north pier at 7 am and 5 pm.\n',
        'pier.md': '# Pier\n\nThe north pier is closed on Sundays.\n',
        'market.md': '# Market\n\nThe fish market opens at dawn.\n',
      }),
    );
    for (const q of [
      'yo the ferry to the island, when does it leave?',
      'sup when does the ferry leave for the island?',
      'gm the ferry to the island leaves when?',
    ]) {
      const a = ferry.answer(q);
      expect(a.notFound).toEqual([]);
      expect(a.answer?.text).toContain('7 am and 5 pm');
    }
    // Where the documents say "hello", it is a word of the question.
    const logger = Engine.create(
      corpusOf({
        'usage.md': "# Usage\n\nCall logger.info('hello world') to log a line.\n",
        'levels.md': '# Levels\n\nThe default level is info.\n',
        'files.md': '# Files\n\nLogs go to standard output.\n',
      }),
    );
    expect(logger.answer('hello world example?').results[0]?.text).toContain("logger.info('hello world')");
    expect(logger.answer('hello world example?').need).toContain('hello');
    // Nor in capitals (an acronym), nor asked about.
    expect(ferry.answer('SUP boards: when does the ferry leave?').notFound).toEqual(['sup', 'boards']);
    expect(ferry.answer('Hola: what does it mean?').notFound).toContain('hola');
  });
});

describe('a question that asks permission', () => {
  // A server's rules and FAQ: rules forbid ("No cheats"), they seldom say "allowed".
  const e = Engine.create(
    corpusOf({
      'rules.md':
        '# Server Rules\n\n## 3. Keep it SFW\n\nNo NSFW, gore or shocking content anywhere, including avatars.\n\n## 5. No piracy or cheats\n\nSharing cracked copies, cheat tools or exploits gets you banned immediately.\n',
      'faq.md':
        '# FAQ\n\n**Can I stream or make videos of the game?**\nYes, monetised videos and streams are allowed. Please link the store page.\n\n**Is fan art ok?**\nFan art is OK in the art channel.\n\n**Is the game free?**\nThe base game is free.\n',
      'guide.md': '# Guide\n\n## Saving\n\nThe game autosaves every 5 minutes.\n',
    }),
  );

  it('finds what is asked about before the word that asks permission', () => {
    expect(e.answer('is cheating allowed?').results[0]?.section).toBe('5. No piracy or cheats');
    expect(e.answer("I'm new here. Is NSFW ok?").results[0]?.section).toBe('3. Keep it SFW');
    expect(e.answer('am I permitted to share exploits?').results[0]?.section).toBe('5. No piracy or cheats');
    // The word still counts: what the documents say is allowed is still found by it.
    expect(e.answer('are streams allowed?').results[0]?.section).toBe(
      'Can I stream or make videos of the game?',
    );
    // In capitals too, after "it": the fan art entry says OK twice, the rule says exploits.
    expect(e.answer('Is it OK to share exploits?').results[0]?.section).toBe('5. No piracy or cheats');
  });

  it('keeps a permission word that is part of a name whole', () => {
    const api = Engine.create(
      corpusOf({
        'api.md':
          '# API\n\n## Allowed mentions\n\nThe allowed mentions object controls which mentions ping.\n\n## Webhooks\n\nWebhooks can send messages with embeds and mentions to a channel.\n',
        'rules.md': '# Rules\n\nNo spam.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    expect(api.answer('Are allowed mentions supported by webhooks?').results[0]?.section).toBe(
      'Allowed mentions',
    );
  });
});

describe('context around a question', () => {
  it('reads the sentences that do not ask as context', () => {
    expect([...contextWords("I'm using it with Node 20. How do I set a timeout?")]).toEqual(
      expect.arrayContaining(['node', '20']),
    );
    expect([...contextWords("How do I find the config? (I'm on Windows)")]).toContain('windows');
    // One sentence, or only questions: no context.
    expect([
      ...contextWords('My download died halfway through, can curl pick up where it left off?'),
    ]).toEqual([]);
    expect([...contextWords('What is a pool? What is an agent?')]).toEqual([]);
    // A word the question itself has is not context.
    expect([...contextWords('I use a pool. How big is the pool?')]).not.toContain('pool');
  });

  it('ranks by what a message that asks nothing tells before its last sentence, and a name it lacks there refuses nothing', () => {
    const lint = Engine.create(
      corpusOf({
        'rules.md':
          '# Rules\n\n## Duplicate headings\n\nHeadings with the same text are reported. Set siblings_only to allow them under different parents, as changelogs repeat them under every version.\n\n## Line length\n\nLines longer than 80 characters are reported. Code blocks and tables can be left out.\n',
        'CHANGELOG.md':
          '# Changelog\n\n## 0.3.0\n\nThe changelog now works with pnpm.\n\n## 0.2.0\n\nWorks around a webpack limit.\n',
        'other.md': '# Install\n\nInstall it with npm.\n',
      }),
    );
    // The problem is told first, the last sentence is an aside: neither asks, both are the question.
    const told =
      'my changelog repeats the same heading under every version and it flags them as duplicate headings. thats literally how keeping a changelog works lol';
    expect(contextWords(told).size).toBe(0);
    expect(lint.answer(told).results[0]?.section).toBe('Duplicate headings');
    // A name the documents lack in a sentence told before the last ("Jenkins", where the asker
    // stands) counts nothing against an answer, as the sentences around a question do.
    const a = lint.answer(
      'we lint on Jenkins and it flags the same heading under every version as duplicate headings. thats literally how keeping a changelog works',
    );
    expect(a.notFound).toContain('jenkins');
    expect(a.answer?.section).toBe('Duplicate headings');
  });

  it('reads a message that asks nothing by its last sentence first, the sentences before it at half weight', () => {
    const setup = Engine.create(
      corpusOf({
        'install.md':
          '# Install\n\n## Install on Windows\n\nOn Windows, install Node 20 or later with the installer from nodejs.org, then run npm install in a terminal.\n\n## Install on Linux\n\nOn Linux servers in production, use your package manager.\n',
        'config.md':
          '# Configuration\n\n## Timeout\n\nSet the timeout setting in config.json: "timeout": 30 gives requests thirty seconds before they fail.\n\n## Proxy\n\nSet HTTPS_PROXY to send requests through a proxy. Proxy authentication takes a user and password in the URL.\n',
        'errors.md':
          '# Errors\n\n## Registry errors\n\nIf npm install fails, check that the registry URL in .npmrc is right and that you are logged in.\n\n## Permissions\n\nEACCES when installing globally means npm cannot write to its global folder. Change the prefix.\n',
      }),
    );
    // Where the asker stands, told first, does not outweigh what is wanted, nor must an answer
    // hold it ("Windows" is a name, but only stated).
    for (const q of [
      "I'm on Windows. node 20. timeout setting",
      "I'm using Docker on Windows. trying to set the request timeout",
      'Windows 11, node 20. requests time out after 30 seconds',
    ])
      expect(setup.answer(q).answer?.section, q).toBe('Timeout');
    // A last sentence that names too little ("pls help", "stuck") asks about the one before it:
    // the error code it names, which the documents lack, still stops a direct answer.
    for (const [q, code] of [
      ['npm install fails with E404. pls help', 'e404'],
      ['Proxy auth fails with 407. stuck', '407'],
    ] as const) {
      const a = setup.answer(q);
      expect(a.answer, q).toBeNull();
      expect(
        a.notFound.map((w) => w.toLowerCase()),
        q,
      ).toContain(code);
    }
  });

  it('reads a question the same with its lines joined (as a button reads it back)', () => {
    const typed = 'My sockets stay open\nhow many times is a failed request sent again?';
    const places = (q: string) => api.answer(q).results.map((r) => [r.source, r.paragraph, r.score]);
    expect(places(typed.replace('\n', ' '))).toEqual(places(typed));
  });

  it('reads a block of code and the frames of a stack trace the question quotes as context', () => {
    const q =
      'With ```js\nconst retrier = makeRetrier(spoolQueue)\n``` and a crash at Object.<anonymous> ' +
      '(/srv/app/index.js:10:5), how many times is a failed request sent again?';
    const told = contextWords(q);
    expect([...told]).toEqual(expect.arrayContaining(['retrier', 'spoolqueue', 'anonymous', 'srv']));
    const a = api.answer(q);
    expect(a.related).toBeNull();
    expect(a.answer?.text).toContain('sent again');
    // The same with its lines joined, as a button reads it back.
    const places = (x: string) => api.answer(x).results.map((r) => [r.source, r.paragraph, r.score]);
    expect(places(q.replace(/\n/g, ' '))).toEqual(places(q));
  });

  it('reads the error line above a stack trace as context, unless the question points back at it', () => {
    const trace =
      "TypeError: Cannot read properties of undefined (reading 'handshake')\n    at Object.<anonymous> (/app/index.js:10:5)\n";
    // The question names its own subject: the error line says where the asker stands.
    const q = `${trace}How many times is a failed request sent again?`;
    expect([...contextWords(q)]).toEqual(expect.arrayContaining(['typeerror', 'handshake']));
    const a = api.answer(q);
    expect(a.related).toBeNull();
    expect(a.answer?.text).toContain('sent again');
    // "How do I fix this error?" asks about the error line: its words must be answered.
    const fix = `${trace}How do I fix this error?`;
    expect(contextWords(fix).has('handshake')).toBe(false);
    expect(api.answer(fix).answer).toBeNull();
    expect(contextWords(`${trace}What do these errors mean for my retries?`).has('handshake')).toBe(false);
    // "that" as a conjunction, "mean that": no pointing back.
    expect(contextWords('I use Fastify. How do I make sure that errors are logged?')).toContain('fastify');
    expect(contextWords('I use Fastify. Does it mean that the cache is cleared?')).toContain('fastify');
    // Not any "this": here it is the product, and the sentence before is still context.
    expect(contextWords("I'm on Windows. How do I set this client to retry failed requests?")).toContain(
      'windows',
    );
    // A pronoun that closes a clause stands for what the sentence before said: that sentence is
    // asked about too ("…work with that", "…the zsh version of that?", "…a setup for that?").
    expect(
      contextWords(
        'Our build agents have an ancient spool queue. Will the retrier work with that or do we upgrade?',
      ),
    ).not.toContain('spool');
    expect(contextWords("bash has ${!name} for indirection. what's the zsh version of that?")).not.toContain(
      'indirection',
    );
    expect(
      contextWords("we're behind a squid proxy at work. can the ftp client go through that?"),
    ).not.toContain('squid');
    // Not "…or something like that", which only trails off.
    expect(contextWords("I'm on Windows 11. how do i set a proxy or something like that?")).toContain(
      'windows',
    );
    // Not one that something follows ("for that reason"), nor "is it possible", nor "for it",
    // where "it" is the asker's install.
    expect(contextWords('I use Fastify. For that reason, how do I log every request?')).toContain('fastify');
    expect(
      contextWords("I'm running it on a Raspberry Pi with Ubuntu. How do I set the log level for it?"),
    ).toContain('raspberry');
    // A question after a block of code is a sentence of its own.
    const coded =
      'My code:\n```js\nconst c = new Client(url)\n```\nHow many times is a failed request sent again?';
    expect(api.answer(coded).answer?.text).toContain('sent again');
  });

  it("reads neither a code fence's language nor the keywords of pasted code as words of the question", () => {
    const e = Engine.create(
      corpusOf({
        'uninstall.md':
          '# npm uninstall\n\nThis uninstalls a package, completely removing everything npm installed on its behalf.\n',
        'scripts.md':
          '# Scripts\n\nA script written in JS can call const result = await uninstall(name), which uninstalls a package from your project.\n',
        'other.md': '# Other\n\nNothing here about packages.\n',
      }),
    );
    const bare = 'how do I uninstall a package?';
    const places = (q: string) => e.answer(q).results.map((r) => [r.source, r.score]);
    // `js`, `const` and `await` say nothing of the asker's case: the passage that holds them
    // scores as it does for the bare question.
    for (const code of ['```js\nconst x = await fn()\n```', '```javascript\nlet x = await fn()\n```'])
      expect(places(`My code:\n${code}\n${bare}`)).toEqual(places(bare));
    // Code written on one line between fences is what is asked about, not a fence's language.
    const errors = Engine.create(
      corpusOf({
        'errors.md':
          '# Errors\n\n## ERR_REQUIRE_ESM\n\nThrown when a CommonJS module requires an ES module.\n',
        'other.md': '# Other\n\nNothing here about modules.\n',
      }),
    );
    const asked = errors.answer('what does ```ERR_REQUIRE_ESM``` mean?');
    expect(asked.results[0]?.section).toBe('ERR_REQUIRE_ESM');
    // Nor is what follows a fence that closes inline code: it reads as on one line.
    const inline = (end: string) => errors.answer(`is ESM \`\`\`x\`\`\`required${end}`).results;
    expect(inline('\nwhat is it?')).toEqual(inline(' what is it?'));
  });

  it("ranks the words of a URL the question quotes as everyday words: they are the asker's own places", () => {
    const e = Engine.create(
      corpusOf({
        'timeouts.md':
          '# Timeouts\n\nSet the timeout option to limit how long a request waits for the server.\n',
        'api.md':
          '# API client\n\nFor example, the API client lists items over https from v1 of the API, and waits for its timeout; see api.example.com.\n',
        'other.md': '# Other\n\nNothing here.\n',
      }),
    );
    const a = e.answer('how do I set a timeout for https://api.example.com/v1/items?');
    expect(a.results[0]?.source).toBe('timeouts.md');
    expect(a.answer?.text).toContain('Set the timeout option');
  });

  it('weighs a number or a version said around the question as everyday context', () => {
    const e = Engine.create(
      corpusOf({
        'timeouts.md':
          '# Timeouts\n\nSet the timeout option to limit how long a request waits for the server.\n',
        'release.md':
          '# Release 20\n\nRelease 20 set the timeout to 20 seconds: 20 for every request in 20.\n',
        'other.md': '# Other\n\nNothing here.\n',
      }),
    );
    // "20" is the asker's release, not what is asked: the passage that repeats it is not first.
    expect(e.answer('I am on release 20. How do I set a timeout?').results[0]?.source).toBe('timeouts.md');
  });

  it('reads a line quoted as Discord quotes it as a sentence of its own, said by someone', () => {
    const e = Engine.create(
      corpusOf({
        'levels.md': '# Levels\n\nChange the log level at runtime by setting logger.level to a new value.\n',
        'transports.md': '# Transports\n\nA transport sends the log lines to a file or a service.\n',
        'other.md': '# Other\n\nNothing here.\n',
      }),
    );
    // "my boss asked me this" says where the asker stands: its words are not what is asked.
    for (const q of ['> my boss asked me this\nhow do I change the level', '>>> how do I change the level']) {
      const a = e.answer(q);
      expect(a.related, q).toBeNull();
      expect(a.answer?.text, q).toContain('Change the log level');
    }
  });

  it("weighs the place a stack frame names (the asker's file) as everyday context", () => {
    const e = Engine.create(
      corpusOf({
        'retries.md': '# Retries\n\nA failed request is sent again three times before the client gives up.\n',
        'bundling.md':
          '# Bundling\n\nA failed request from JS in srv is sent again once: srv JS, srv app JS and srv index JS.\n',
        'other.md': '# Other\n\nNothing here.\n',
      }),
    );
    const bare = 'how many times is a failed request sent again?';
    const score = (q: string) => e.answer(q).results.find((r) => r.source === 'bundling.md')?.score ?? 0;
    const framed = `TypeError: boom\n    at Object.<anonymous> (/srv/app/index.js:10:5)\n${bare}`;
    // `srv`, `app`, `index`, `js` of the frame's path add little to the passage that writes them.
    expect(score(framed)).toBeLessThan(1.5 * score(bare));
    expect(e.answer(framed).results[0]?.source).toBe('retries.md');
  });

  it('ranks by what is asked: context only adds to the passages the question finds', () => {
    // Context found in the documents is no reason to rank a passage that holds only it, nor
    // to refuse the passage that answers without it.
    const e = Engine.create(
      corpusOf({
        'retries.md': '# Retries\n\nA failed request is sent again three times before the client gives up.\n',
        'pools.md': '# Pools\n\nA pool keeps sockets open between requests to reuse them.\n',
        'other.md': '# Other\n\nNothing here about clients.\n',
      }),
    );
    const a = e.answer('I reuse sockets with a pool. How many times is it sent again?');
    expect(a.results[0]?.source).toBe('retries.md');
    expect(a.related).toBeNull();
    expect(a.answer?.text).toContain('three times');
  });

  it('ranks the everyday words of context for little: "I am on the latest version." names nothing', () => {
    const e = Engine.create(
      corpusOf({
        'retries.md': '# Retries\n\nA failed request is sent again three times before the client gives up.\n',
        'releases.md':
          '# Releases\n\nIn the latest version, a failed request is sent again once: update to the latest version.\n',
        'other.md': '# Other\n\nNothing here about clients.\n',
      }),
    );
    const a = e.answer('I am on the latest version. How many times is a failed request sent again?');
    expect(a.results.map((r) => r.source)).toEqual(['retries.md', 'releases.md']);
    expect(a.answer?.source).toBe('retries.md');
  });

  it('reads a closing aside about the asker as context, never as the question', () => {
    const told = contextWords("how do I set a cookie in the headers (I'm on Linux)");
    expect(told.has('linux')).toBe(true);
    expect(told.has('cookie')).toBe(false);
    // Even after a question that names little, and after one that asks nothing.
    expect(contextWords("is there any warranty? (I'm on Linux)").has('linux')).toBe(true);
    const statement = contextWords("I never received the email to reset my password (I'm on Linux)");
    expect(statement.has('linux')).toBe(true);
    expect(statement.has('password')).toBe(false);
    // An aside that is part of what is asked is not one about the asker.
    expect(contextWords('how do I log (in the browser)').size).toBe(0);
    expect(contextWords('how do I set the timeout (i.e. the read timeout)').size).toBe(0);
    expect(contextWords('how do I pick a level, e.g. warn or error?').size).toBe(0);
    const a = api.answer("How many times is a failed request sent again (I'm on Linux)");
    expect(a.notFound).toEqual(['linux']);
    expect(a.answer?.text).toContain('sent again');
  });

  it('reads a URL, an address or a path the question quotes as context', () => {
    expect([...contextWords('how do I set a timeout for https://api.example.com/v1/items?')]).toEqual(
      expect.arrayContaining(['example', 'v1', 'items']),
    );
    expect([...contextWords('why is the connection to 192.168.1.20:8080 refused?')]).toEqual(
      expect.arrayContaining(['192.168.1.20', '8080']),
    );
    expect([...contextWords('when is the config file /home/me/app/.npmrc read?')]).toContain('home');
    const a = api.answer('How many times is a failed request sent again to http://10.0.0.5:8080/api?');
    expect(a.related).toBeNull();
    expect(a.answer?.text).toContain('sent again');
    // A link as a chat writes it, Markdown's or in angle brackets (Discord's link without a
    // preview): before, `http://…)` and `http://…>` were words the documents lack, and the
    // question lost its direct answer.
    for (const q of [
      'How many times is a failed request sent again? see [the logs](https://example.com/a)',
      'How many times is a failed request sent again? <https://example.com/a>',
      // An address with a pair of brackets, as Wikipedia writes them.
      'How many times is a failed request sent again? see [the page](https://example.com/Retry_(network))',
    ]) {
      const linked = api.answer(q);
      expect(linked.related).toBeNull();
      expect(linked.answer?.text).toContain('sent again');
      // Nor is the address named as a word the documents lack: it is what the asker pasted.
      expect(linked.notFound.filter((w) => w.includes('://'))).toEqual([]);
    }
  });

  it('reads no context when the question names too little of its own, nor when context is all it finds', () => {
    // "Why?" asks about the sentence before it; the one before that is still context.
    const told = contextWords("I'm using it with Node 20. My sockets stay open after a request ends. Why?");
    expect([...told]).toEqual(expect.arrayContaining(['node', '20']));
    expect(told.has('sockets')).toBe(false);
    // "How do I fix it?" asks about the sentence before it: the 418 it names must be found.
    expect(contextWords('Requests fail with error 418. How do I fix it?').size).toBe(0);
    expect(api.answer('Requests fail with error 418. How do I fix it?').answer).toBeNull();
    // A path that is what the question asks about.
    expect(contextWords('what is /etc/foorc for?').size).toBe(0);
    expect(api.answer('what is /etc/foorc for?').answer).toBeNull();
    // Context found in the documents does not make the question one they cover.
    expect(api.answer('My client keeps sockets open. How do I repot an orchid?').results).toEqual([]);
  });

  it('answers the question whatever the context names that the documents lack', () => {
    const a = api.answer("I'm using it with Node 20. How many times is a failed request sent again?");
    expect(a.notFound).toEqual(['node', '20']);
    expect(a.related).toBeNull();
    expect(a.answer?.text).toContain('sent again');
  });
});

describe('chat markup in a question', () => {
  it('reads emoji as nothing, so thanks with a smile still close a question', () => {
    // Documents that happen to say "thanks": the word must not become part of the question.
    const e = Engine.create(
      corpusOf({
        'ferry.md':
          '# Ferry\n\nThe ferry leaves the north pier at 7 am and 5 pm.\n\nThanks to the harbour office for the new timetable.\n',
        'pier.md': '# Pier\n\nThe north pier is closed on Sundays.\n',
        'market.md': '# Market\n\nThe fish market opens at dawn.\n',
      }),
    );
    const bare = 'when does the ferry leave?';
    const need = (q: string) => e.answer(q).need;
    expect(need(`${bare} Thanks!! \u{1F642}`)).toEqual(need(bare));
    expect(need(`\u{1F64F}\u{1F64F} ${bare} thanks \u{1F44D}\u{1F3FD}`)).toEqual(need(bare));
    // A smiley typed in signs too; a path or a URL keeps its colon.
    expect(need(`${bare} Thanks a lot in advance :)`)).toEqual(need(bare));
    expect(need(`:( ${bare} ;-)`)).toEqual(need(bare));
    expect(need(`${bare} <3`)).toEqual(need(bare));
    expect(plainQuestion('what if a <3 here?')).toBe('what if a <3 here?');
    expect(plainQuestion('is pino supported on node <3')).toBe('is pino supported on node <3');
    // Code keeps its signs: a slice, a format, a group, a symbol.
    for (const q of [
      'What does a[:3] return?',
      'what is x[:, :3]?',
      'why "{:*^30}"?',
      'is (?:) valid?',
      'what is `:p`?',
    ])
      expect(plainQuestion(q)).toBe(q);
    expect(plainQuestion('great :))) how?').replace(/\s+/g, ' ')).toBe('great how?');
    expect(plainQuestion('is C:/Users/me read? see https://x.org')).toBe(
      'is C:/Users/me read? see https://x.org',
    );
    // A joiner between letters is no emoji: the word stays one, as it reads on screen.
    const places = (q: string) => api.answer(q).results.map((r) => [r.source, r.paragraph, r.score]);
    expect(places('what is the default of max\u200dRetries?')).toEqual(
      places('what is the default of maxRetries?'),
    );
  });

  it('reads mentions, custom emoji and timestamps as nothing', () => {
    const a = api.answer(
      '<@123456789012345678> how many times is a failed request sent again <t:1700000000:R>? <:thinking:987654321098765432>',
    );
    expect(a.notFound).toEqual([]);
    expect(a.answer?.text).toContain('sent again');
  });
});

describe('a question typed in capitals', () => {
  it('reads it in lower case, its words as words and not as acronyms the documents lack', () => {
    expect(unshouted('HOW DO I SET THE MAXRETRIES OPTION?')).toBe('how do i set the maxretries option?');
    expect(unshouted('Does HTTP/2 need TLS?')).toBe('Does HTTP/2 need TLS?');
    // "ATTEMPT" is no acronym the documents lack, but a word they do not use.
    const shouted = api.answer('HOW MANY TIMES DOES THE CLIENT ATTEMPT A FAILED REQUEST AGAIN?');
    expect(shouted.related).toBeNull();
    expect(shouted.answer?.text).toContain('sent again');
  });
});

describe('honest answers', () => {
  it("does not count against an answer what the question says is the asker's own, unless it is what is asked about", () => {
    const e = Engine.create(
      corpusOf({
        'slack.md':
          '# Slack\n\n## Surveys\n\nSurveys, focus groups and research studies are not allowed in channels without approval from the admins.\n',
        'license.md':
          '# License\n\n## Attribution\n\nFree assets often come with licenses that require attribution. Double-check them.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    // "for my masters thesis" says why the asker asks; the documents need not name it.
    expect(e.answer('can i post a survey for my masters thesis in slack').answer?.text).toContain('Surveys');
    // "my character" is what is asked about, "on my raspberry pi" where it should run: the
    // documents lacking them is still no answer.
    expect(e.answer('how do i make my character double jump?').answer).toBeNull();
    expect(e.answer('are surveys allowed on my raspberry pi?').answer).toBeNull();
  });

  it('reads the word after "how" as part of the question ("how long"), not as a missing word', () => {
    const news = Engine.create(
      corpusOf({
        'talks.txt': 'Talks\n\nThe leaders met in New York to discuss the 4-year conflict.\n',
        'other.txt': 'Weather\n\nIt rained in Baghdad.\n',
        'third.txt': 'Sport\n\nThe match was cancelled.\n',
      }),
    );
    // Not "Not found anywhere: long" under the answer.
    const a = news.answer('How long is the conflict?');
    expect(a.answer?.text).toContain('4-year conflict');
    expect(a.notFound).toEqual([]);
  });

  it('reads "A or B" as either: one of them missing from the documents is not what they lack', () => {
    const install = Engine.create(
      corpusOf({
        'install.md':
          '# Install\n\n## Windows\n\nThe installer runs on Windows 10 and later; double-click setup.exe.\n\n## Linux\n\nUse the tarball.\n',
        'other.md': '# Other\n\nNothing here about installing.\n',
        'third.md': '# Contact\n\nWrite to the maintainers.\n',
      }),
    );
    const a = install.answer('Does the installer run on Windows or macOS?');
    expect(a.answer?.text).toContain('Windows 10');
    // Asked about macOS alone, the documents do not say.
    expect(install.answer('Does the installer run on macOS?').answer).toBeNull();
  });

  it('takes what an acronym stands for as naming it, however often the documents write it', () => {
    const gpl = Engine.create(
      corpusOf({
        'gpl.txt': [
          'GNU General Public License',
          'The GPL lets you share and change the program. The GPL is a copyleft licence.',
          'You may convey the program under the GPL only.',
          'Each later version of the GPL is published by the Free Software Foundation.',
          'A work based on the program is covered by the GPL as a whole.',
          'You may link or combine the program with a work licensed under the GNU Affero General Public License into a single combined work.',
        ].join('\n\n'),
        'other.txt': 'Notes\n\nThe mirror syncs the package list.\n',
        'third.txt': 'Contact\n\nWrite to the maintainers.\n',
      }),
    );
    const a = gpl.answer('can I combine GPL code with code under the Affero GPL?');
    expect(a.answer?.text).toContain('Affero General Public License');
    expect(a.related).toBeNull();
  });

  it('gives no direct answer when a name in the question is nowhere in the documents', () => {
    const a = news.answer('Was Cameron at the summit with the Prime Minister?');
    expect(a.answer).toBeNull();
    expect(a.related).toBe('missing');
    expect(a.notFound).toEqual(['cameron']);
    expect(a.results.length).toBeGreaterThan(0);
  });

  it('gives no direct answer when the best passage lacks the number the question asks for', () => {
    const a = api.answer('How many sockets stay open between requests?');
    expect(a.answer).toBeNull();
    expect(a.related).toBe('partial');
  });

  it('reads "what is the maximum…" as asking for a quantity', () => {
    const e = Engine.create(
      corpusOf({
        'uploads.md': '# Uploads\n\nThe maximum size of an upload is set by the administrator.\n',
        'limits.md': '# Limits\n\nA message may hold at most 2000 characters.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
        'requirements.md':
          '# Requirements\n\nThe minimum requirements for an upload are a signed-in account and a supported format.\n',
      }),
    );
    const upload = e.answer("what's the maximum size of an upload?");
    expect(upload.results[0]?.source).toBe('uploads.md');
    expect(upload.answer).toBeNull();
    expect(upload.related).toBe('partial');
    expect(e.answer('what is the maximum length of a message?').answer?.text).toContain('2000 characters');
    // With a curly apostrophe too; a superlative without a measure ("the minimum requirements")
    // asks for no number.
    expect(e.answer('what\u2019s the maximum size of an upload?').answer).toBeNull();
    expect(e.answer('what are the minimum requirements for an upload?').answer?.text).toContain(
      'signed-in account',
    );
  });

  it('reads a number written onto a word (HTTP/2, 10%) as one thing a passage must hold so written', () => {
    const e = Engine.create(
      corpusOf({
        'client.md':
          '# Client\n\n## Protocols\n\nThe client speaks HTTP/1.1 and HTTP/2; pass allowH2 to turn HTTP/2 on.\n\n## Retries\n\nA failed request is retried 3 times, each after a 10 second pause.\n',
        'sampling.md': '# Sampling\n\nThe logger can keep 25% of debug lines and drop the rest.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    // HTTP in one place, a 3 in another: not HTTP/3.
    const h3 = e.answer('does the client support http/3?');
    expect(h3.results.length).toBeGreaterThan(0);
    expect(h3.answer).toBeNull();
    expect(h3.related).toBe('partial');
    // Nor with another name joined by "or" that the documents lack.
    expect(e.answer('does the client support HTTP/3 or QUIC yet?').answer).toBeNull();
    for (const q of ['does the client support HTTP/2?', 'does the client support http 2?'])
      expect(e.answer(q).answer?.text, q).toContain('HTTP/2');
    // Written as one word or with a minor version of 0, it is the same.
    const more = Engine.create(
      corpusOf({
        'a.md': '# A\n\nThe proxy speaks http3 to the upstream.\n',
        'b.md': '# B\n\nThe server answers HTTP/2.0 requests.\n',
        'c.md': '# C\n\nAddresses may be IPv4 and IPv6.\n',
      }),
    );
    expect(more.answer('does the proxy speak http/3?').answer?.text).toContain('http3');
    expect(more.answer('does the server answer http/2 requests?').answer?.text).toContain('HTTP/2.0');
    // A word with digits before the slash is no version.
    expect(more.answer('are IPv4/6 addresses allowed?').answer?.text).toContain('IPv4 and IPv6');
    // `HTTP/2` in a passage is found by a question that writes it as one word, first.
    const h2 = Engine.create(
      corpusOf({
        'http2.md':
          '# HTTP/2\n\nThe server supports HTTP/2 over HTTPS or over plain text.\n\n## Secure\n\nBrowsers support HTTP/2 only over a secure connection, so pass a key and a certificate: `{ http2: true, https: { key, cert } }`.\n',
        'server.md':
          '# Server\n\n## http2\n\nDefault: false. If true, the http2 module is used: `http2: true`.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    expect(h2.answer('does the server support http2?').results[0]?.text).toMatch(
      /^The server supports HTTP\/2/,
    );
    // One number written onto two words must be found both ways in the passage.
    const both = Engine.create(
      corpusOf({
        'a.md': '# A\n\nThe client speaks HTTP/2 over TLS.\n',
        'b.md': '# B\n\nThe logger keeps 2% of the debug lines it sends over HTTP.\n',
        'c.md': '# C\n\nThe proxy speaks HTTP/2 and keeps 2% of what it logs.\n',
      }),
    );
    expect(both.answer('which one speaks HTTP/2 and keeps 2% of logs?').answer?.text).toContain('The proxy');
    expect(both.answer('does the logger speak HTTP/2 and keep 2% of debug lines?').answer).toBeNull();
    // A percentage, likewise: 10 seconds are not 10%.
    for (const q of ['can the logger keep only 10% of debug lines?', 'keep 10 percent of debug lines?'])
      expect(e.answer(q).answer, q).toBeNull();
    expect(e.answer('can the logger keep 25 percent of debug lines?').answer?.text).toContain('25%');
  });

  it('finds a keyboard shortcut as written, not any shortcut with the same modifier', () => {
    const e = Engine.create(
      corpusOf({
        'keys.md':
          '# Keyboard shortcuts\n\n## Editing\n\nPress Ctrl+Z to undo and Ctrl+Y to redo the last change in the editor window.\n\n## Stopping\n\nPress <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop the server.\n\n## Commands\n\nPress Shift + Ctrl + P to open the command list.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
        'third.md': '# Contact\n\nWrite to the maintainers.\n',
      }),
    );
    const stop = e.answer('what does ctrl+c do in the editor?');
    expect(stop.answer?.text).toContain('to stop the server');
    // Marked whole in the excerpt.
    const top = stop.results[0];
    expect(top?.marks.map(([from, to]) => top.excerpt.slice(from, to))).toContain('Ctrl+C');
    expect(e.answer('what does ctrl-c do?').answer?.text).toContain('to stop the server');
    // Written with spaces and the modifiers in another order, found and marked all the same.
    const list = e.answer('what does ctrl+shift+p do in the editor?');
    expect(list.answer?.text).toContain('command list');
    const first = list.results[0];
    expect(first?.marks.map(([from, to]) => first.excerpt.slice(from, to))).toContain('Shift + Ctrl + P');
    // A shortcut the documents never write gets no direct answer.
    expect(e.answer('what does ctrl+q do in the editor?').answer).toBeNull();
  });

  it('reads a mention of a common word (@everyone, @here) as a term of its own', () => {
    const e = Engine.create(
      corpusOf({
        'rules.md':
          '# Server rules\n\n## Pings\n\nDo not ping `@everyone` or `@here`: ask a moderator to post announcements.\n\n## Names\n\nEveryone here keeps a readable nickname.\n',
        'faq.md': '# FAQ\n\nThe server opens its voice channels at noon.\n',
        'other.md': '# Other\n\nThe bot answers in threads.\n',
      }),
    );
    // Before: "everyone" and "here" are stop words, so the question had only common words.
    const a = e.answer('can I use @everyone to get attention?');
    expect(a.empty).toBeNull();
    expect(a.results[0]?.section).toBe('Pings');
    expect(e.answer('is pinging @here ok?').results[0]?.section).toBe('Pings');
    // The words themselves stay stop words.
    expect(e.answer('is everyone here?').empty).toBe('no-terms');
  });

  it('reads "how much does it cost?" as asking for an amount of money, or "free"', () => {
    const e = Engine.create(
      corpusOf({
        'plans.md':
          '# Plans\n\n## Team\n\nThe team plan costs $8 per seat per month.\n\n## Community\n\nThe community plan is free for open-source projects.\n\n## Pro\n\nThe pro plan is 20 USD a month, or 900 pesos.\n',
        'hosting.md':
          '# Hosting\n\nWe host the dashboard for you. Hosting it carries a non-trivial cost: it needs 50% more memory.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    const hosting = e.answer('how much does the hosted dashboard cost?');
    expect(hosting.results[0]?.source).toBe('hosting.md');
    expect(hosting.answer).toBeNull();
    expect(hosting.related).toBe('partial');
    expect(e.answer('how much does the team plan cost?').answer?.text).toContain('$8 per seat');
    expect(e.answer('what does the community plan cost?').answer?.text).toContain('free');
    expect(e.answer("what's the monthly fee for the team plan?").answer?.text).toContain('$8');
    expect(e.answer('how much does the pro plan cost?').answer?.text).toContain('20 USD');
    // Not about money: any number answers.
    expect(e.answer('how much memory does hosting the dashboard need?').answer?.text).toContain('50%');
    // An amount in words is a price too (before: no direct answer).
    const harbour = Engine.create(
      corpusOf({
        'mooring.md':
          '# Mooring\n\n## Fees\n\nVisiting yachts pay twelve euros a night, or forty-five euros a week.\n',
        'ferry.md': '# Ferry\n\nThe night ferry leaves from pier four.\n',
        'other.md': '# Other\n\nThe museum opens at ten.\n',
        'bakery.md': '# Bakery\n\nThe harbour cake takes two pounds of flour; no one won the bake-off.\n',
        'tickets.md': '# Tickets\n\nA return ticket on the harbour ferry costs twenty pounds.\n',
      }),
    );
    // A weight, or "no one won", is no price; pounds that end a sentence are one.
    expect(harbour.answer('how much does the harbour cake cost?').answer).toBeNull();
    expect(harbour.answer('how much is a return ticket on the harbour ferry?').answer?.text).toContain(
      'twenty pounds',
    );
    expect(harbour.answer('what is the mooring fee for visiting yachts?').answer?.text).toContain(
      'twelve euros',
    );
    expect(harbour.answer('how much does a week of mooring cost?').answer?.text).toContain(
      'forty-five euros',
    );
    expect(e.answer('how much does hosting the dashboard cost in memory?').answer?.text).toContain('50%');
  });

  it('knows a price from words that only look like one', () => {
    const e = Engine.create(
      corpusOf({
        'plans.md':
          '# Plans\n\n## Pro\n\nThe Pro plan includes 10 seats. Feel free to ask the team about it.\n\n## Backups\n\nBackups are included at no extra cost.\n\n## Storage\n\nPaid plans get 100 GB of storage.\n',
        'auth.md': '# Sign-in\n\nThe hosted dashboard follows RFC 6749 for sign-in.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    // "Feel free", a standard's number and a seat count are no price.
    expect(e.answer('how much is the Pro plan?').answer).toBeNull();
    expect(e.answer('how much does the hosted dashboard cost?').answer).toBeNull();
    // "At no extra cost" is one; storage that paid plans get is a quantity, not a price.
    expect(e.answer('how much do backups cost?').answer?.text).toContain('at no extra cost');
    expect(e.answer('how much storage do paid plans get?').answer?.text).toContain('100 GB');
  });

  it('takes "nightly", "unlimited" and "a month" as the number a question asks for', () => {
    const e = Engine.create(
      corpusOf({
        'backups.md': '# Backups\n\nThe database is backed up nightly to a second region.\n',
        'plans.md': '# Plans\n\nThe team plan includes unlimited seats for your organisation.\n',
        'logs.md': '# Logs\n\nDoor logs are kept for a month, then deleted.\n',
      }),
    );
    expect(e.answer('How often is the database backed up?').answer?.text).toContain('nightly');
    expect(e.answer('How many seats does the team plan include?').answer?.text).toContain('unlimited seats');
    expect(e.answer('How long are door logs kept?').answer?.text).toContain('for a month');
  });

  it("answers a FAQ's own question with what it says, number or not", () => {
    const e = Engine.create(
      corpusOf({
        'faq.md':
          '# FAQ\n\n**When is the next update?**\nWe post release dates in #announcements. There is no fixed schedule.\n\n**How long does shipping take?**\nIt depends on the carrier in your country.\n',
        'releases.md': '# Releases\n\nReleases are published on the project page.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    // The documents pose the question and answer it: "no fixed schedule" is their answer.
    expect(e.answer('so when is the next update out?').answer?.text).toContain('no fixed schedule');
    expect(e.answer('how long does shipping take?').answer?.text).toContain('depends on the carrier');
    // A heading that is no question poses none: a time is still needed.
    expect(e.answer('when are releases published?').answer).toBeNull();
  });

  it('does not take a FAQ question for one that asks something else of the same words', () => {
    const e = Engine.create(
      corpusOf({
        'faq.md':
          '# FAQ\n\n## How do I get the helper role?\n\nAsk a moderator in the #roles channel after a month of helping.\n\n## How do I reset my password?\n\nUse the Forgot password link on the login page.\n',
        'rules.md': '# Rules\n\nBe kind. No spam.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    // "How do I…" asks for a way, not a price or a frequency.
    expect(e.answer('how much does it cost to get the helper role?').answer).toBeNull();
    expect(e.answer('how often can I reset my password?').answer).toBeNull();
    expect(e.answer('how do I reset my password?').answer?.text).toContain('Forgot password');
  });

  it('takes "how many can…" as the same kind of question as "how many…"', () => {
    const e = Engine.create(
      corpusOf({
        'faq.md':
          '# FAQ\n\n## How many emojis does a server get?\n\nIt depends on the boost level of the server.\n',
        'rules.md': '# Rules\n\nBe kind. No spam.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    expect(e.answer('How many emojis can a server have?').answer?.text).toContain('boost level');
  });

  it('takes an API that returns the quantity as the answer to "how much"', () => {
    const e = Engine.create(
      corpusOf({
        'os.md':
          '# os\n\n## os.freemem()\n\nReturns the amount of free system memory in bytes as an integer.\n\n## os.hostname()\n\nReturns the host name of the operating system as a string.\n',
        'disk.md': '# Disk\n\nThe free disk space is shown in the status bar.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    expect(e.answer('how much free memory is there on the system?').answer?.text).toContain(
      'Returns the amount of free system memory',
    );
    // How many there are says nothing of how many there can be.
    expect(e.answer('how much free memory can the system have at most?').answer).toBeNull();
    // Saying where a quantity is shown is not giving it.
    expect(e.answer('how much free disk space is there?').answer).toBeNull();
  });

  it('reads "how soon" as asking for a time', () => {
    const e = Engine.create(
      corpusOf({
        'security.md': '# Security\n\nSecurity reports go to the security team by email.\n',
        'support.md': '# Support\n\nThe support team replies to every ticket within two days.\n',
        'other.md': '# Other\n\nThe mirror syncs the package list.\n',
      }),
    );
    const security = e.answer('how soon will the security team reply to a report?');
    expect(security.results[0]?.source).toBe('security.md');
    expect(security.answer).toBeNull();
    expect(security.related).toBe('partial');
    expect(e.answer('how soon does the support team reply to a ticket?').answer?.text).toContain(
      'within two days',
    );
  });

  it('answers when the documents hold it, despite a question word they lack', () => {
    const a = api.answer('hey, what is the default for max retries exactly?');
    expect(a.answer?.text).toContain('Default: 3');
    expect(a.related).toBeNull();
  });

  it('reads a misspelt stop word as a stop word, not as a missing word', () => {
    const a = news.answer('are fighters still active becuase of the desert?');
    expect(a.notFound).toEqual([]);
  });
});

describe('direct answers are read from prose', () => {
  const docs = Engine.create(
    corpusOf({
      'path.md': [
        '# Path',
        '',
        '## path.basename(path[, suffix])',
        '',
        'The `path.basename()` method returns the last portion of a path. Trailing directory separators are ignored.',
        '',
        '```js',
        "path.basename('/foo/bar/baz/asdf/quux.html');",
        "// Returns: 'quux.html'",
        '```',
        '',
        'Although Windows usually treats file names in a case-insensitive manner, this function does not.',
        '',
        '## Install',
        '',
        'Install with npm:',
        '',
        '```sh',
        'npm install path-kit',
        '```',
        '',
      ].join('\n'),
      'url.md': '# URL\n\n## url.parse\n\nParses a URL string into its parts.\n',
      'os.md': '# OS\n\n## os.tmpdir\n\nReturns the default folder for temporary files.\n',
    }),
  );

  it('never runs a sentence on into the code under it, nor joins one across a code block', () => {
    const a = docs.answer('are trailing directory separators ignored by basename?');
    expect(a.answer?.text).toBe(
      'The path.basename() method returns the last portion of a path. Trailing directory separators are ignored.',
    );
    // Before: "Trailing directory separators are ignored.\npath.basename('/foo/bar/…" and the line after it.
    expect(a.answer?.text).not.toContain('quux');
  });

  it("answers with a plain-text list's item, without its number or the next item's", () => {
    const rules = Engine.create(
      corpusOf({
        'constitution.txt': [
          'Constitution',
          '',
          '4. The Developers by way of General Resolution',
          '',
          '4.1. Powers',
          '',
          'Together, the Developers may:',
          '1. Appoint or recall the Project Leader.',
          '2. Amend this constitution, provided they agree with a 3:1 majority.',
          '3. Make or override any decision authorised by the powers of the Project Leader.',
          '',
        ].join('\n'),
        'faq.txt': 'FAQ\n\nThe project has no office.\n',
        'news.txt': 'News\n\nA new release is out.\n',
      }),
    );
    // Before: "Amend this constitution, provided they agree with a 3:1 majority.\n3."
    expect(rules.answer('what majority is needed to amend the constitution?').answer?.text).toBe(
      'Amend this constitution, provided they agree with a 3:1 majority.',
    );
  });

  it('puts the term before a definition that opens with its verb, and the sentence before one that goes on from it', () => {
    const license = Engine.create(
      corpusOf({
        'LICENSE.txt': [
          'Public License',
          '',
          '1. Definitions',
          '',
          '1.12. "Secondary License"',
          '    means either the GNU General Public License, Version 2.0, or any later versions of those licenses.',
          '',
          '1.13. "Source Code Form"',
          '    means the form of the work preferred for making modifications.',
          '',
          '2. Publishing',
          '',
          'Make sure your package installs before you publish it. Or, worse yet, you will publish a broken package.',
          '',
        ].join('\n'),
        'faq.txt': 'FAQ\n\nThe project has no office.\n',
        'news.txt': 'News\n\nA new release is out.\n',
      }),
    );
    // Before: "means either the GNU General Public License, …", a fragment.
    expect(license.answer('what is a secondary license?').answer?.text).toMatch(
      /^"Secondary License" means either the GNU General Public License/,
    );
    // Before: "Or, worse yet, you will publish a broken package." alone.
    expect(license.answer('what if I publish a broken package?').answer?.text).toBe(
      'Make sure your package installs before you publish it. Or, worse yet, you will publish a broken package.',
    );
  });

  const more = Engine.create(
    corpusOf({
      'advanced.md': [
        '# Advanced',
        '',
        '## Automatic retries',
        '',
        'By default, the client does not retry failed connections. However, it is possible to implement automatic retries with backoff using the Retry class:',
        '',
        '```py',
        'from client import Retry',
        'retries = Retry(total=3, backoff_factor=0.1)',
        '```',
        '',
        '## Logging',
        '',
        'The client makes a best effort to redact the following from log files:',
        '',
        '- Passwords inside basic auth URLs',
        '- Access tokens',
        '',
        '## Prefix',
        '',
        'This means the folder where the tool puts global commands is not on your PATH. Find it with:',
        '',
        '```sh',
        'tool config get prefix',
        '```',
        '',
      ].join('\n'),
      'faq.txt': [
        'Package FAQ',
        '',
        'How do I display the files of an installed package?',
        '',
        '    To list all the files provided by the installed package foo execute the command',
        '',
        '    dpkg --listfiles foo',
        '',
        '    Note that the files made by the installation scripts are not shown.',
        '',
        'What may a developer do?',
        '',
        '    An individual developer may',
        '    1. make any technical decision with regard to their own work;',
        '    2. propose themselves as a leader candidate in elections;',
        '    3. vote on resolutions.',
        '',
      ].join('\n'),
      'other.md': '# Other\n\nBoats float on water.\n',
    }),
  );

  it('lets a lead-in that holds the question join the sentence before it, with its code', () => {
    // Before (first version): "By default, the client does not retry failed connections." alone,
    // which reads as the opposite of the answer.
    expect(
      more.answer('how can I make the client retry failed connections automatically?').answer?.text,
    ).toMatch(
      /^By default, the client does not retry failed connections\. However, it is possible .* the Retry class:\nfrom client import Retry/,
    );
  });

  it('takes what a lead-in introduces: every item of a list that fits, a command under a sentence with no full stop', () => {
    expect(more.answer('what is redacted from log files?').answer?.text).toBe(
      'The client makes a best effort to redact the following from log files:\n• Passwords inside basic auth URLs\n• Access tokens',
    );
    expect(more.answer('how do I list the files an installed package put on disk?').answer?.text).toBe(
      'To list all the files provided by the installed package foo execute the command\ndpkg --listfiles foo',
    );
  });

  it('answers with code, after the sentence that introduces it, when the code holds more of the question', () => {
    expect(more.answer('which tool command gets the config prefix?').answer?.text).toBe(
      'Find it with:\ntool config get prefix',
    );
  });

  it('brings the sentence before an "However" only when both fit: the fact asked for stays', () => {
    const terms = Engine.create(
      corpusOf({
        'license.txt': [
          'License',
          '',
          '5. Termination',
          '',
          `The rights granted under this License will terminate automatically if You fail to comply with any of its terms, ${'including every term of every section above and all of the notices, '.repeat(3)}in full. However, if You become compliant, then the rights granted under this License are reinstated unless the licensor tells You otherwise within 60 days.`,
          '',
        ].join('\n'),
        'faq.txt': 'FAQ\n\nThe project has no office.\n',
        'news.txt': 'News\n\nA new release is out.\n',
      }),
    );
    // Before (first version): the long sentence before it came first and "60 days" was cut off.
    expect(terms.answer('how many days until my rights are reinstated once compliant?').answer?.text).toMatch(
      /^However, if You become compliant.*within 60 days\.$/,
    );
  });

  it('answers "how do I…" with the sentence that shows the way in code, when it holds nearly as much', () => {
    const logs = Engine.create(
      corpusOf({
        'api.md': [
          '# API',
          '',
          '## Level names',
          '',
          "Thus, the logger's default mode of operation is to print the level value instead of the string name. However, you can use the formatters option with a level function to print the string name instead of the level value:",
          '',
          '```js',
          'const log = logger({ formatters: { level: (label) => ({ level: label }) } })',
          '```',
          '',
        ].join('\n'),
        'faq.md': '# FAQ\n\nThe project has no office.\n',
        'news.md': '# News\n\nA new release is out.\n',
      }),
    );
    // Before: "Thus, the logger's default mode of operation is to print the level value…", which
    // says what it does, not how to change it.
    expect(logs.answer('how do I print the level name instead of the level value?').answer?.text).toMatch(
      /However, you can use the formatters option with a level function .*:\nconst log = logger/,
    );
  });

  it('gives a numbered item that goes on from the line above its list that line', () => {
    expect(more.answer('can a developer propose themselves as a leader candidate?').answer?.text).toBe(
      'An individual developer may propose themselves as a leader candidate in elections;',
    );
  });

  it('reads a passage whose prose holds no sentence whole, never answering with nothing', () => {
    const parts = [
      { start: 0, end: 2, kind: 'text' },
      { start: 3, end: 19, kind: 'code' },
    ];
    expect(directAnswer('  \nnpm install kit', { terms: new Map(), phrases: [] }, { parts }).text).toBe(
      'npm install kit',
    );
  });

  it("marks where a result's text holds code, for the views to show it as code", () => {
    const r = docs.answer('are trailing directory separators ignored by basename?').results[0];
    const [start, end] = r?.code?.[0] ?? [0, 0];
    expect(r?.text.slice(start, end)).toBe(
      "path.basename('/foo/bar/baz/asdf/quux.html');\n// Returns: 'quux.html'",
    );
    expect(docs.answer('what does url.parse do?').results[0]?.code).toBeUndefined();
  });

  it('lets a lead-in take the code it introduces', () => {
    expect(docs.answer('how do I install it with npm?').answer?.text).toBe(
      'Install with npm:\nnpm install path-kit',
    );
  });
});
