/**
 * The interaction router: finds the command, runs it, renders its outcome and answers within
 * Discord's 3 seconds. Expected problems get an ephemeral explanation; an interaction Discord
 * never sends (a missing or mistyped option…) an ephemeral "not understood" and a warning;
 * unexpected errors an ephemeral "something went wrong" and a log line with the interaction id;
 * an expired interaction (10062) is logged and costs nothing else. One log line per interaction.
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  DiscordjsTypeError,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord.js';
import {
  BUTTON_TTL_MS,
  type Choice,
  type Command,
  type Context,
  NotUnderstood,
  type Outcome,
} from '../../commands/_shared.js';
import { isCoreError } from '../core/index.js';
import type { Logger } from './logger.js';
import { disableComponents, type ReplyPayload, render, renderChoices, renderOops } from './render.js';

/** Work not done by then is deferred, so Discord gets its acknowledgement in time. */
export const DEFER_AFTER_MS = 1500;

/** What a malformed interaction is told (the log has the details). */
export const NOT_UNDERSTOOD =
  'This request was not understood: it came without something the command needs. Try the command again; if it keeps happening, an admin can run npm run deploy to refresh the commands.';

export interface RouterOptions {
  commands: ReadonlyMap<string, Command>;
  ctx: Context;
  logger: Logger;
  /** How long answer buttons work before they are disabled. */
  buttonTtlMs?: number;
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
  /** Cancels pending button expiries (on shutdown). */
  close(): void;
}

type Command2 = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

export function createRouter({ commands, ctx, logger, buttonTtlMs = BUTTON_TTL_MS }: RouterOptions): Router {
  const timers = new Set<NodeJS.Timeout>();

  /** Disables an answer's buttons when they expire (the token outlives them by 5 minutes). */
  const expireLater = (interaction: Command2, payload: ReplyPayload) => {
    if (payload.components.length === 0) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      interaction
        .editReply({ components: disableComponents(payload.components) })
        .catch((error: unknown) =>
          logger.debug('could not disable buttons', { id: interaction.id, error: describe(error) }),
        );
    }, buttonTtlMs);
    timer.unref();
    timers.add(timer);
  };

  const run = async (
    interaction: Command2 | ButtonInteraction,
    command: Command | undefined,
    work: () => Outcome | Promise<Outcome>,
  ) => {
    const started = performance.now();
    const name = interaction.isButton()
      ? `button:${interaction.customId.split(':').slice(0, 2).join(':')}`
      : interaction.commandName;
    let results: number | undefined;
    try {
      const outcome = await settle(interaction, command, work, started);
      results = outcome.results;
      await send(interaction, outcome);
      logger.info('interaction', {
        id: interaction.id,
        command: name,
        user: interaction.user.id,
        results,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      await fail(interaction, name, error, started);
    }
  };

  /**
   * Runs the work so that Discord is acknowledged within its 3 seconds. A command marked heavy
   * is deferred before its work starts. Other work starts on the next turn of the event loop
   * (never in the tick that arms the timer) and is deferred once it has run DEFER_AFTER_MS, or
   * before it starts if the loop was already that late. A timer cannot fire while synchronous
   * work runs: such work must be marked heavy or be fast.
   */
  const settle = async (
    interaction: Command2 | ButtonInteraction,
    command: Command | undefined,
    work: () => Outcome | Promise<Outcome>,
    started: number,
  ): Promise<Outcome> => {
    if (!interaction.isButton() && heavy(interaction, command)) {
      await acknowledge(interaction, command);
      return await work();
    }
    let acknowledging: Promise<unknown> | undefined;
    const once = () => {
      acknowledging ??= acknowledge(interaction, command);
      return acknowledging;
    };
    const pending = nextTurn().then(async () => {
      if (performance.now() - started >= DEFER_AFTER_MS) await once();
      return work();
    });
    // When the acknowledgement fails nothing awaits the work: its failure is not an unhandled rejection.
    pending.catch(() => {});
    const outcome = await Promise.race([pending, delay(DEFER_AFTER_MS)]);
    if (outcome !== undefined) return outcome;
    // Slow work: acknowledge now, answer when done.
    await once();
    return await pending;
  };

  /** A deferral: the message a button is on will be updated, or a reply (private if it will be) follows. */
  const acknowledge = (interaction: Command2 | ButtonInteraction, command: Command | undefined) =>
    interaction.isButton()
      ? interaction.deferUpdate()
      : interaction.deferReply(wantsPrivate(interaction, command) ? { flags: MessageFlags.Ephemeral } : {});

  const send = async (interaction: Command2 | ButtonInteraction, outcome: Outcome) => {
    const payload = render(outcome);
    // Edits keep the message's visibility: they take no flags.
    const { flags: _flags, ...edit } = payload;
    if (interaction.isButton()) {
      if (outcome.update) {
        if (interaction.deferred) await interaction.editReply(edit);
        else await interaction.update(edit);
      } else if (interaction.deferred) await interaction.followUp(payload);
      else await interaction.reply(payload);
      return;
    }
    if (interaction.deferred) await interaction.editReply(edit);
    else await interaction.reply(payload);
    if (outcome.view.kind === 'answer') expireLater(interaction, payload);
  };

  const fail = async (
    interaction: Command2 | ButtonInteraction,
    name: string,
    error: unknown,
    started: number,
  ) => {
    const ms = Math.round(performance.now() - started);
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
      logger.warn('interaction expired before the answer (10062)', { id: interaction.id, command: name, ms });
      return;
    }
    let payload: ReplyPayload;
    if (isNotUnderstood(error)) {
      payload = render({ view: { kind: 'problem', message: NOT_UNDERSTOOD }, ephemeral: true });
      logger.warn('interaction not understood', {
        id: interaction.id,
        command: name,
        user: interaction.user.id,
        error: describe(error),
        ms,
      });
    } else if (isCoreError(error)) {
      payload = render({
        view: { kind: 'problem', message: error.message.replace(/^seedbot: /, '') },
        ephemeral: true,
      });
      logger.info('interaction', {
        id: interaction.id,
        command: name,
        user: interaction.user.id,
        problem: error.code,
        ms,
      });
    } else {
      payload = renderOops(interaction.id);
      logger.error('interaction failed', {
        id: interaction.id,
        command: name,
        user: interaction.user.id,
        error: describe(error),
        ms,
      });
    }
    try {
      if (interaction.replied || interaction.deferred) await interaction.followUp(payload);
      else await interaction.reply(payload);
    } catch (e) {
      logger.warn('could not send the error reply', { id: interaction.id, error: describe(e) });
    }
  };

  return {
    async handle(interaction) {
      if (interaction.isAutocomplete()) {
        const command = commands.get(interaction.commandName);
        let choices: Choice[] = [];
        try {
          if (command?.kind === 'slash' && command.autocomplete)
            choices = command.autocomplete(interaction, ctx);
        } catch (error) {
          // No focused option, or a failing lookup: answer with no choices rather than not at all.
          logger.warn(isNotUnderstood(error) ? 'autocomplete not understood' : 'autocomplete failed', {
            id: interaction.id,
            command: interaction.commandName,
            error: describe(error),
          });
        }
        try {
          await interaction.respond(renderChoices(choices));
        } catch (error) {
          logger.warn('could not send autocomplete choices', {
            id: interaction.id,
            command: interaction.commandName,
            error: describe(error),
          });
        }
        return;
      }
      if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
        const command = commands.get(interaction.commandName);
        await run(interaction, command, () => {
          if (!command) {
            return {
              view: {
                kind: 'problem',
                message: `I don't know the command "${interaction.commandName}" any more. An admin can run npm run deploy to refresh the commands.`,
              },
              ephemeral: true,
            };
          }
          if (command.kind === 'slash' && interaction.isChatInputCommand())
            return command.execute(interaction, ctx);
          if (command.kind === 'message' && interaction.isMessageContextMenuCommand())
            return command.execute(interaction, ctx);
          throw new Error(`command ${interaction.commandName} got an interaction of the wrong type`);
        });
        return;
      }
      if (interaction.isButton()) {
        const [name = '', action = '', ...args] = interaction.customId.split(':');
        const command = commands.get(name);
        await run(interaction, command, () => {
          if (!command?.button) {
            return {
              view: { kind: 'problem', message: 'That button is not known any more.' },
              ephemeral: true,
            };
          }
          return command.button(interaction, ctx, action, args);
        });
      }
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

function wantsPrivate(interaction: Command2, command: Command | undefined): boolean {
  if (command?.private) return true;
  return interaction.isChatInputCommand() && interaction.options.getBoolean('private') === true;
}

/** Whether the command's work is known to be heavy for this interaction (deferred before it runs). */
function heavy(interaction: Command2, command: Command | undefined): boolean {
  const defer = command?.defer;
  return typeof defer === 'function' ? defer(interaction) : defer === true;
}

/** discord.js's errors for an interaction without what its command declares (Discord never sends one). */
const MALFORMED: ReadonlySet<string> = new Set<string>([
  DiscordjsErrorCodes.CommandInteractionOptionNotFound,
  DiscordjsErrorCodes.CommandInteractionOptionType,
  DiscordjsErrorCodes.CommandInteractionOptionEmpty,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommand,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommandGroup,
  // Thrown by discord.js but missing from its typings.
  'CommandInteractionOptionInvalidChannelType',
  DiscordjsErrorCodes.AutocompleteInteractionOptionNoFocusedOption,
]);

/** A malformed interaction: a command's NotUnderstood, or discord.js finding an option missing or mistyped. */
export function isNotUnderstood(error: unknown): boolean {
  if (error instanceof NotUnderstood) return true;
  return (
    (error instanceof DiscordjsTypeError || error instanceof DiscordjsError) && MALFORMED.has(error.code)
  );
}

/** Resolves on a later turn of the event loop (a macrotask), never in the tick that called it. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });

export function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `DiscordAPIError[${error.code}] ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
