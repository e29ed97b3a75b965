/**
 * Load check: the real bot (in this process) against the loopback fake Discord, N /ask interactions
 * fired at once by N different users with the project's seed questions. For each, the time from sending
 * the interaction to the fake receiving its initial callback (Discord wants it within 3 s); then every
 * interaction must be answered with an embed (directly, or after a deferral by an edit).
 *
 *   npx tsx scripts/load.ts [N] [--http]
 *       (default 200; exit code 1 if any initial response took >= 3 s or any interaction was not
 *       answered). With --http the bot serves HTTP interactions instead of the gateway: each
 *       interaction is signed and POSTed, and the initial response is the HTTP response.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCommands } from '../src/bot/commands.js';
import { createLogger, type Logger } from '../src/bot/logger.js';
import { startHttp } from '../src/bot/transports/http.js';
import { openSeeds } from '../src/core/index.js';
import {
  type BotOutput,
  chatInput,
  type SentInteraction,
  snowflake,
  startFakeDiscord,
} from '../test/e2e/fake-discord.js';
import { startTestBot, testConfig } from '../test/e2e/harness.js';
import { createSigner, postSigned } from '../test/e2e/signed-client.js';

const root = path.resolve(import.meta.dirname, '..');
/** Discord's window for the initial response. */
export const INITIAL_RESPONSE_LIMIT_MS = 3000;

export interface LoadOptions {
  /** Log sink for the bot (default: warnings and errors to stderr). */
  logger?: Logger;
  /** How long to wait for every answer after the burst (default 30 s). */
  answerTimeoutMs?: number;
  /** Serve HTTP interactions (signed POSTs) instead of the gateway. */
  http?: boolean;
}

export interface InteractionFigures {
  question: string;
  userId: string;
  /** Sending → the fake receiving the first callback attempt, ms (Infinity: none). */
  initialMs: number;
  /** Callback type of the accepted initial response (4 reply, 5 deferred), if any. */
  callbackType: number | undefined;
  /** Whether an answer with an embed arrived (the callback itself or an edit after a deferral). */
  answered: boolean;
  /** The answer's first embed (its title names the question; "Nothing found" names it in the description). */
  embed: { title?: string; description?: string } | undefined;
}

export interface LoadReport {
  n: number;
  allAnswered: boolean;
  answered: number;
  slowestMs: number;
  p50Ms: number;
  p99Ms: number;
  /** First interaction sent → last answer received, ms. */
  wallMs: number;
  /** Initial responses that were deferrals (type 5) rather than the answer itself. */
  deferred: number;
  interactions: InteractionFigures[];
  /** True when every initial response came in under 3 s and every interaction was answered. */
  ok: boolean;
}

/** The project's seed questions (test/quality/seeds-questions.jsonl), answerable and not. */
export function seedQuestions(): string[] {
  const file = path.join(root, 'test/quality/seeds-questions.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { q: string }).q);
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

const hasEmbed = (o: BotOutput): boolean => Array.isArray(o.body.embeds) && o.body.embeds.length > 0;

export async function runLoad(n = 200, options: LoadOptions = {}): Promise<LoadReport> {
  const answerTimeoutMs = options.answerTimeoutMs ?? 30_000;
  // Callbacks later than 3 s are refused with 10062, as Discord does.
  const fake = await startFakeDiscord({ interactionTimeoutMs: INITIAL_RESPONSE_LIMIT_MS });
  let bot: { stop(): Promise<void> } | undefined;
  try {
    const { engine } = await openSeeds(path.join(root, 'seeds'), { cacheDir: null });
    const logger = options.logger ?? createLogger('warn');
    // No limiter: the question limit is off.
    let send = (init: Parameters<typeof fake.sendInteraction>[0]) => fake.sendInteraction(init);
    if (options.http) {
      const signer = createSigner();
      const server = await startHttp({
        config: testConfig(fake, {
          clientId: fake.applicationId,
          publicKey: signer.publicKeyHex,
          interactionsPort: 0,
          interactionsHost: '127.0.0.1',
          logLevel: 'warn' as const,
        }),
        commands: await loadCommands(),
        ctx: { engine: () => engine },
        logger,
        isReady: () => true,
      });
      bot = { stop: () => server.close() };
      const url = `http://127.0.0.1:${server.port}/interactions`;
      // The HTTP response is the initial response: hand it to the fake as Discord would record it.
      send = (init) => {
        const sent = fake.sendInteraction(init, { dispatch: false });
        void postSigned(url, sent.payload, signer).then((res) =>
          fetch(`${fake.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: res.text,
          }),
        );
        return sent;
      };
    } else {
      bot = await startTestBot(fake, { ctx: { engine: () => engine }, logger });
    }

    const questions = seedQuestions();
    const burst: { sent: SentInteraction; sentAt: number; question: string; userId: string }[] = [];
    const started = Date.now();
    for (let i = 0; i < n; i++) {
      const question = questions[i % questions.length] as string;
      const userId = snowflake();
      const sentAt = Date.now();
      const sent = send(
        chatInput('ask', { question }, { user: { id: userId, username: `user${i}`, global_name: null } }),
      );
      burst.push({ sent, sentAt, question, userId });
    }

    const interactions = await Promise.all(
      burst.map(async ({ sent, sentAt, question, userId }): Promise<InteractionFigures> => {
        const answer = await sent.waitForOutput(hasEmbed, answerTimeoutMs).catch(() => undefined);
        const first = sent.callbackAttempts()[0];
        const embeds = answer?.body.embeds as { title?: string; description?: string }[] | undefined;
        return {
          question,
          userId,
          initialMs: first ? first.receivedAt - sentAt : Number.POSITIVE_INFINITY,
          callbackType: sent.outputs().find((o) => o.kind === 'callback')?.callbackType,
          answered: answer !== undefined,
          embed: embeds?.[0],
        };
      }),
    );
    const lastAnswer = Math.max(
      ...burst.flatMap(({ sent }) =>
        sent
          .outputs()
          .filter(hasEmbed)
          .map((o) => o.at),
      ),
    );
    const times = interactions.map((i) => i.initialMs).sort((a, b) => a - b);
    const answered = interactions.filter((i) => i.answered).length;
    const slowestMs = times.at(-1) ?? Number.NaN;
    return {
      n,
      allAnswered: answered === n,
      answered,
      slowestMs,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      wallMs: Number.isFinite(lastAnswer) ? lastAnswer - started : Number.NaN,
      deferred: interactions.filter((i) => i.callbackType === 5).length,
      interactions,
      ok: answered === n && slowestMs < INITIAL_RESPONSE_LIMIT_MS,
    };
  } finally {
    await bot?.stop();
    await fake.close();
  }
}

export function formatReport(r: LoadReport): string {
  return [
    `N: ${r.n}`,
    `all answered: ${r.allAnswered ? 'yes' : `no (${r.answered} of ${r.n})`}`,
    `initial response: slowest ${r.slowestMs} ms, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (limit ${INITIAL_RESPONSE_LIMIT_MS} ms; ${r.deferred} deferred)`,
    `total wall time: ${r.wallMs} ms`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const http = args.includes('--http');
  const arg = args.find((a) => a !== '--http');
  const n = arg === undefined ? 200 : Number(arg);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`usage: npx tsx scripts/load.ts [N] [--http]  (N a whole number >= 1, not "${arg}")`);
    process.exitCode = 2;
    return;
  }
  const report = await runLoad(n, { http });
  console.log(`mode: ${http ? 'HTTP interactions' : 'gateway'}`);
  console.log(formatReport(report));
  if (!report.ok) {
    const problems: string[] = [];
    if (!report.allAnswered) problems.push(`${report.n - report.answered} interaction(s) not answered`);
    if (report.slowestMs >= INITIAL_RESPONSE_LIMIT_MS)
      problems.push(`an initial response took ${report.slowestMs} ms (>= ${INITIAL_RESPONSE_LIMIT_MS} ms)`);
    console.error(`FAIL: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
