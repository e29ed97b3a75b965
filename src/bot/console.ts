/**
 * The local console: the bot's commands typed on a terminal (or piped in), answered with the
 * same commands and renderer as on Discord, shown as text.
 *
 *   /ask <question>     /sources [document]     /more     /paragraph     /help     exit
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type Context, type Outcome, PAGE_SIZE } from '../../commands/_shared.js';
import { answerQuestion, showPage, showParagraphs } from '../../commands/ask.js';
import { describeSource, listSources } from '../../commands/sources.js';
import { isCoreError } from '../core/index.js';
import { render, toText } from './render.js';

export const CONSOLE_HELP = `Commands:
  /ask <question>       ask the documents (a line without a command is a question too)
  /sources [document]   list the documents, or show one
  /more                 the next results of the last answer
  /paragraph            the full paragraphs of the results shown
  /help                 this text
  exit                  leave (or end of input)`;

const USER = 'console';

export interface ConsoleOptions {
  ctx: Context;
  input: Readable;
  output: Writable;
  color?: boolean;
  prompt?: boolean;
}

/** Answers one console line; returns the text to print, or null to leave. */
export function consoleLine(
  ctx: Context,
  line: string,
  state: { session?: string; offset: number },
  color = false,
): string | null {
  const text = line.trim();
  if (!text) return '';
  if (/^(exit|quit|\/exit|\/quit)$/i.test(text)) return null;
  const [, command = '/ask', rest = ''] =
    /^(\/\S*)?\s*(.*)$/s.exec(text.startsWith('/') ? text : `/ask ${text}`) ?? [];
  const problem = (message: string): Outcome => ({ view: { kind: 'problem', message }, ephemeral: true });
  let outcome: Outcome;
  try {
    switch (command.toLowerCase()) {
      case '/ask': {
        outcome = rest.trim()
          ? answerQuestion(ctx, USER, rest)
          : problem('Type a question after /ask, e.g. /ask who hosted the meeting?');
        if (outcome.view.kind === 'answer') {
          state.session = outcome.view.session;
          state.offset = 0;
        }
        break;
      }
      case '/sources':
        outcome = rest.trim() ? describeSource(ctx, rest) : listSources(ctx);
        break;
      case '/more':
        if (!state.session) outcome = problem('Ask something first with /ask.');
        else if (state.offset + PAGE_SIZE >= (ctx.sessions.get(state.session)?.answer.results.length ?? 0)) {
          outcome = problem('No more results. Ask something else with /ask.');
        } else {
          state.offset += PAGE_SIZE;
          outcome = showPage(ctx, USER, state.session, state.offset);
        }
        break;
      case '/paragraph':
        outcome = state.session
          ? showParagraphs(ctx, USER, state.session, state.offset)
          : problem('Ask something first with /ask.');
        break;
      case '/help':
        return CONSOLE_HELP;
      default:
        outcome = problem(`Unknown command ${command}. Try /ask, /sources or /help.`);
    }
  } catch (error) {
    if (!isCoreError(error)) throw error;
    outcome = problem(error.message.replace(/^seedbot: /, ''));
  }
  return toText(render(outcome), { color });
}

/** Runs the console until `exit` or the end of input. */
export async function runConsole({
  ctx,
  input,
  output,
  color = false,
  prompt = false,
}: ConsoleOptions): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const state: { session?: string; offset: number } = { offset: 0 };
  const ask = () => prompt && output.write('> ');
  ask();
  for await (const line of rl) {
    const out = consoleLine(ctx, line, state, color);
    if (out === null) break;
    if (out) output.write(`${out}\n\n`);
    ask();
  }
  rl.close();
}
