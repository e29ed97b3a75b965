/**
 * Knowledge gaps end to end: the real bot against the fake Discord, with the gaps log in a
 * temporary DATA_DIR. Votes are recorded once per person and can change; a 👎 reason arrives
 * through the form; a question the documents cannot answer shows in /gaps, rephrasings counted
 * as one need; a member without Manage Server is refused; every payload stays within Discord's
 * limits and pings nobody.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_FIELD, REASON_FORM } from '../../commands/_ask-ids.js';
import { loadCommands } from '../../src/bot/commands.js';
import { gapsLog } from '../../src/bot/gaps-log.js';
import { GapsStore } from '../../src/bot/gaps-store.js';
import { createLogger } from '../../src/bot/logger.js';
import type { Bot } from '../../src/bot/transports/gateway.js';
import { type Engine, openSeeds } from '../../src/core/index.js';
import {
  button,
  CallbackType,
  chatInput,
  type FakeDiscord,
  type FakeMessage,
  snowflake,
  startFakeDiscord,
} from './fake-discord.js';
import { buttonsOf, type PayloadButton, startTestBot } from './harness.js';
import { everyString } from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-gaps-e2e-'));
const logs: string[] = [];
let fake: FakeDiscord;
let bot: Bot;
let engine: Engine;
let store: GapsStore;
const ADMIN = '32';
const MEMBER = '0';
const user = () => ({ id: snowflake(), username: 'member', global_name: null });

beforeAll(async () => {
  // Two servers: one's report never shows the other's questions.
  fake = await startFakeDiscord({ guilds: [{}, {}] });
  engine = (await openSeeds(path.join(root, 'seeds'), { cacheDir: null })).engine;
  store = new GapsStore({ dir: tmp, retentionDays: 90 });
  await store.open();
  const logger = createLogger('info', (l) => logs.push(l));
  bot = await startTestBot(fake, {
    ctx: { engine: () => engine, gaps: gapsLog(store, logger) },
    logger,
    commands: await loadCommands(),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Asks; returns the answer message (as Discord would show it) and its buttons. */
async function ask(question: string, asker = user()) {
  const sent = fake.sendInteraction(chatInput('ask', { question }, { user: asker, permissions: MEMBER }));
  const callback = await sent.waitForCallback();
  const message = {
    ...(sent.original() as FakeMessage),
    components: callback.data?.components,
  } as FakeMessage;
  return { callback, message, buttons: buttonsOf(callback.data) };
}

const emoji = (buttons: PayloadButton[], name: string) =>
  buttons.find((b) => b.emoji?.name === name)?.custom_id ?? '';

function checkSafe(data: unknown) {
  for (const s of everyString(data)) expect(s).not.toMatch(/@everyone|@here|<@!?\d+>/);
  expect((data as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
}

describe('knowledge gaps', () => {
  it('puts 👍 and 👎 on every answer, beside the paging buttons, and keeps them on every page', async () => {
    const asker = user();
    const { message, buttons } = await ask('Who hosted the meeting in Baghdad?', asker);
    expect(buttons.map((b) => b.label ?? b.emoji?.name)).toEqual([
      'More results',
      'Show paragraph',
      '👍',
      '👎',
    ]);
    const more = buttons.find((b) => b.label === 'More results')?.custom_id ?? '';
    const paged = await fake
      .sendInteraction(button(more, message, { user: asker, permissions: MEMBER }))
      .waitForCallback();
    expect(paged.type).toBe(CallbackType.UpdateMessage);
    expect(
      buttonsOf(paged.data)
        .map((b) => b.emoji?.name)
        .filter(Boolean),
    ).toEqual(['👍', '👎']);
  });

  it('records a vote once per person, and a second vote changes it; the voter alone gets thanks', async () => {
    const { message, buttons } = await ask('How many IS fighters are still active in Iraq?');
    const voter = user();
    const up = await fake
      .sendInteraction(button(emoji(buttons, '👍'), message, { user: voter, permissions: MEMBER }))
      .waitForCallback();
    expect(up.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(up.data?.flags).toBe(64);
    expect(JSON.stringify(up.data)).toContain('your 👍 is counted');
    checkSafe(up.data);
    // Again, then the other way: one vote counts, the latest.
    const again = await fake
      .sendInteraction(button(emoji(buttons, '👍'), message, { user: voter, permissions: MEMBER }))
      .waitForCallback();
    expect(again.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(again.data?.flags).toBe(64);
    const down = await fake
      .sendInteraction(button(emoji(buttons, '👎'), message, { user: voter, permissions: MEMBER }))
      .waitForCallback();
    expect(down.type).toBe(CallbackType.Modal);
    // No vote updates the answer's message (types 6 and 7): each gets a reply of its own, or the form.
    await store.drain();
    const report = (
      await gapsLog(
        store,
        createLogger('error', () => {}),
      ).report(null, fake.guild.id)
    ).report;
    const row = report.answers.find((a) => a.question === 'How many IS fighters are still active in Iraq?');
    expect(row).toMatchObject({ down: 1, up: 0, source: '002_eb905f6be5fc9974.txt', paragraph: 6 });
    const votes = (await store.read()).events.filter((e) => e.type === 'vote' && e.message === message.id);
    // 👍 pressed twice is written once; the 👎 after it is written.
    expect(votes.map((v) => (v as { vote: string }).vote)).toEqual(['up', 'down']);
    expect(new Set(votes.map((v) => v.user)).size).toBe(1);
  });

  it('takes a 👎 reason through the form and shows it in /gaps', async () => {
    // 177 code points, within the form's 200 (Discord counts code points), 257 UTF-16 units.
    // Before, it was cut at 200 units: the last families split and " ok!!" lost.
    const reasonText = `The quote is from 2015, not now ${'👩‍👩‍👧‍👦'.repeat(20)} ok!!`;
    const { message, buttons } = await ask('Who urged his followers to continue?');
    const voter = user();
    const down = await fake
      .sendInteraction(button(emoji(buttons, '👎'), message, { user: voter, permissions: MEMBER }))
      .waitForCallback();
    expect(down.type).toBe(CallbackType.Modal);
    // The form carries the answer's documents (their tag), as the button did.
    const formId = String(down.data?.custom_id);
    expect(formId).toBe(`${REASON_FORM}:-:${emoji(buttons, '👎').split(':').at(-1)}`);
    const submitted = await fake
      .sendInteraction({
        type: 5,
        data: {
          custom_id: formId,
          components: [
            {
              type: 1,
              components: [{ type: 4, custom_id: REASON_FIELD, value: reasonText }],
            },
          ],
        },
        message,
        user: voter,
        permissions: MEMBER,
      })
      .waitForCallback();
    expect(submitted.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(submitted.data?.flags).toBe(64);
    expect(JSON.stringify(submitted.data)).toContain('reason are recorded');
    const gaps = await fake
      .sendInteraction(chatInput('gaps', {}, { permissions: ADMIN }))
      .waitForOutput((o) => JSON.stringify(o.body).includes('Knowledge gaps'));
    const text = everyString(gaps.body).join('\n');
    expect(text).toContain(reasonText);
    expect(text).toContain('Who urged his followers to continue?');
    checkSafe(gaps.body);
  });

  it('lists a question the documents cannot answer in /gaps, rephrasings counted as one need', async () => {
    const people = [user(), user(), user()];
    const nothing = await ask('Where can I park my bicycle?', people[0]);
    expect(JSON.stringify(nothing.callback.data)).toContain('Nothing in the documents');
    await ask('where do i park bicycles', people[1]);
    await ask('Bicycle parking?', people[2]);
    await store.drain();
    const sent = fake.sendInteraction(chatInput('gaps', { days: 7 }, { permissions: ADMIN }));
    // Acknowledged first, privately; the report is edited in.
    const first = await sent.waitForCallback();
    expect(first.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(first.data?.flags).toBe(64);
    const gaps = await sent.waitForOutput((o) => JSON.stringify(o.body).includes('Knowledge gaps'));
    const fields = (gaps.body.embeds as { fields: { name: string; value: string }[] }[])[0]?.fields ?? [];
    const bicycle = fields.filter((f) => /bicycle/i.test(f.name));
    expect(bicycle).toHaveLength(1);
    expect(bicycle[0]?.name).toMatch(/3 people · asked 3 times/);
    expect(bicycle[0]?.value).toMatch(/Not in the documents: .*bicycl/);
    checkSafe(gaps.body);
    // Another server's admin sees none of this server's questions.
    const elsewhere = fake.sendInteraction(
      chatInput('gaps', { days: 7 }, { permissions: ADMIN, guildId: fake.guilds[1]?.id }),
    );
    const theirs = await elsewhere.waitForOutput((o) => JSON.stringify(o.body).includes('Knowledge gaps'));
    expect(JSON.stringify(theirs.body)).not.toMatch(/bicycle|IS fighters|followers/i);
  });

  it('refuses /gaps to a member without Manage Server, privately', async () => {
    const refused = await fake
      .sendInteraction(chatInput('gaps', {}, { permissions: MEMBER }))
      .waitForCallback();
    expect(refused.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(refused.data?.flags).toBe(64);
    expect(JSON.stringify(refused.data)).toContain('Only members with Manage Server');
    expect(JSON.stringify(refused.data)).not.toContain('bicycle');
  });

  it('made no request the fake does not know, and logged no error', () => {
    expect(fake.unknownRequests()).toEqual([]);
    expect(logs.filter((l) => / ERROR /.test(l))).toEqual([]);
  });
});
