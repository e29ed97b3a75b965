/**
 * The interaction router: finds the command, runs it, renders its outcome and answers within
 * Discord's 3 seconds. Expected problems get an ephemeral explanation; unexpected errors an
 * ephemeral "something went wrong" and a log line with the interaction id; an expired
 * interaction (10062) is logged and costs nothing else. One log line per interaction.
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord.js';
import { BUTTON_TTL_MS, type Command, type Context, type Outcome } from '../../commands/_shared.js';
import { isCoreError } from '../core/index.js';
import type { Logger } from './logger.js';
import { disableComponents, type ReplyPayload, render, renderChoices, renderOops } from './render.js';

/** Work not done by then is deferred, so Discord gets its acknowledgement in time. */
export const DEFER_AFTER_MS = 1500;

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
      const pending = Promise.resolve().then(work);
      let outcome = await Promise.race([pending, delay(DEFER_AFTER_MS)]);
      if (outcome === undefined) {
        // Slow work: acknowledge now, answer when done.
        if (interaction.isButton()) await interaction.deferUpdate();
        else
          await interaction.deferReply(
            wantsPrivate(interaction, command) ? { flags: MessageFlags.Ephemeral } : {},
          );
        outcome = await pending;
      }
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
    if (isCoreError(error)) {
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
        try {
          const choices =
            command?.kind === 'slash' && command.autocomplete ? command.autocomplete(interaction, ctx) : [];
          await interaction.respond(renderChoices(choices));
        } catch (error) {
          logger.warn('autocomplete failed', {
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

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });

export function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `DiscordAPIError[${error.code}] ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
