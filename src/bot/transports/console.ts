/**
 * The console transport: the bot's commands typed on a terminal (or piped in), answered by the
 * same router, commands and views as on Discord, shown as text. Paging presses the buttons of
 * the last answer exactly as a Discord user would.
 *
 *   /ask <question>     /sources [document]     /more     /paragraph     /help     exit
 */
import type { Readable, Writable } from 'node:stream';
import type { MessageSeen } from '../../../commands/_contract.js';
import { cappedLines, MAX_INPUT_LINE } from '../lines.js';
import type { Logger } from '../logger.js';
import type { ReplyPayload } from '../payload.js';
import type { Router } from '../router.js';
import type { Incoming } from '../transport.js';
import { toText } from '../views/index.js';

export const CONSOLE_HELP = `Commands:
  /ask <question>       ask the documents (a line without a command is a question too)
  /sources [document]   list the documents, or show one
  /more                 press "More results" on the last answer
  /paragraph            press "Show paragraph" on the last answer
  /help                 this text
  exit                  leave (or end of input)`;

/** The user the console speaks as. */
export const CONSOLE_USER = 'console';

export interface ConsoleOptions {
  router: Router;
  input: Readable;
  output: Writable;
  color?: boolean;
  prompt?: boolean;
  logger?: Logger;
}

/** A console session: the last answer with buttons, so /more and /paragraph can press them. */
export class ConsoleSession {
  private last: {
    message: MessageSeen;
    buttons: { label: string; customId: string; disabled: boolean }[];
  } | null = null;
  private count = 0;

  constructor(
    private readonly router: Router,
    private readonly print: (text: string) => void,
    private readonly color = false,
  ) {}

  /** Handles one line; returns false to leave. */
  async line(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text) return true;
    if (/^(exit|quit|\/exit|\/quit)$/i.test(text)) return false;
    const [, name = '/ask', rest = ''] =
      /^(\/\S*)?\s*(.*)$/s.exec(text.startsWith('/') ? text : `/ask ${text}`) ?? [];
    switch (name.toLowerCase()) {
      case '/ask':
        if (!rest.trim()) this.print('Type a question after /ask, e.g. /ask how do I get started?');
        else await this.router.handle(this.incoming('command', 'ask', { question: rest }));
        return true;
      case '/sources':
        await this.router.handle(
          this.incoming('command', 'sources', rest.trim() ? { document: rest.trim() } : {}),
        );
        return true;
      case '/more':
        return this.press(/More results|Back to first/);
      case '/paragraph':
        return this.press(/Show paragraph/);
      case '/help':
        this.print(CONSOLE_HELP);
        return true;
      default:
        this.print(`Unknown command ${name}. Try /ask, /sources or /help.`);
        return true;
    }
  }

  /** Presses a button of the last answer, as a click on Discord would. */
  private async press(label: RegExp): Promise<boolean> {
    const button = this.last?.buttons.find((b) => label.test(b.label));
    if (!this.last || !button) this.print('Ask something first with /ask.');
    else if (button.disabled) this.print('There are no more results. Ask something else with /ask.');
    else await this.router.handle(this.incoming('button', 'ask', {}, button.customId, this.last.message));
    return true;
  }

  private incoming(
    kind: Incoming['kind'],
    command: string,
    options: Record<string, string>,
    customId: string | null = null,
    message: MessageSeen | null = null,
  ): Incoming {
    let acknowledged = false;
    let deferred = false;
    const show = (payload: ReplyPayload, privately: boolean, isAnswer: boolean) => {
      acknowledged = true;
      this.print(toText(payload, { color: this.color, private: privately }));
      const buttons = payload.components.flatMap((row) =>
        row.components.map((b) => ({
          label: 'label' in b ? (b.label ?? '') : '',
          customId: 'custom_id' in b ? b.custom_id : '',
          disabled: b.disabled === true,
        })),
      );
      if (isAnswer && buttons.length > 0) {
        this.last = {
          message: { id: String(this.count), content: payload.content ?? '', embeds: payload.embeds },
          buttons,
        };
      }
    };
    const id = `console-${++this.count}`;
    return {
      kind,
      command,
      id,
      userId: CONSOLE_USER,
      guildId: null,
      canManageGuild: false,
      createdAt: Date.now(),
      customId,
      message,
      field: () => null,
      string: ((name: string, required?: boolean) =>
        options[name] ?? (required ? '' : null)) as Incoming['string'],
      boolean: () => null,
      integer: () => null,
      focused: () => '',
      get acknowledged() {
        return acknowledged;
      },
      get deferred() {
        return deferred;
      },
      reply: async (payload, privately) => show(payload, privately, kind === 'command'),
      defer: async () => {
        acknowledged = true;
        deferred = true;
      },
      deferUpdate: async () => {
        acknowledged = true;
        deferred = true;
      },
      update: async (payload) => show(payload, false, true),
      edit: async (payload) => show(payload, false, true),
      followUp: async (payload, privately) => show(payload, privately, false),
      deleteReply: async () => {},
      choices: async () => {},
      showForm: async (form) => {
        acknowledged = true;
        this.print(`(${form.title}: forms are not shown in the console)`);
      },
    };
  }
}

/** Runs the console until `exit` or the end of input. */
export async function runConsole({
  router,
  input,
  output,
  color = false,
  prompt = false,
}: ConsoleOptions): Promise<void> {
  const session = new ConsoleSession(router, (text) => output.write(`${text}\n\n`), color);
  if (prompt) output.write('> ');
  // A line is kept to MAX_INPUT_LINE characters as it is read (a question is read up to 500).
  for await (const line of cappedLines(input, MAX_INPUT_LINE)) {
    if (!(await session.line(line))) break;
    if (prompt) output.write('> ');
  }
}
