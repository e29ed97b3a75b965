/**
 * The router: finds the command of an interaction, runs it, renders its view and answers within
 * Discord's 3 seconds, whatever transport carried it. It alone decides who sees a reply: the
 * command's own rule (`private`) and the outcome's, applied once here. Expected problems get a
 * private explanation; an interaction Discord never sends (a missing option…) a private "not
 * understood" and a warning; unexpected errors a private "something went wrong" with a
 * reference; an expired interaction (10062) is logged and costs nothing else.
 */
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import {
  type Command,
  type Context,
  type Interim,
  isHeavy,
  isPrivate,
  NotUnderstood,
  type Outcome,
} from '../../commands/_contract.js';
import { isCoreError } from '../core/index.js';
import { interimEdits } from './interim.js';
import { describe, type Logger } from './logger.js';
import type { ReplyPayload } from './payload.js';
import type { Incoming } from './transport.js';
import { formPayload, render, renderChoices, renderOops } from './views/index.js';

/** Work not done by then is deferred, so Discord gets its acknowledgement in time. */
export const DEFER_AFTER_MS = 1500;
/** Discord's time to acknowledge an interaction, from its creation. */
const ACKNOWLEDGE_WITHIN_MS = 3000;

/**
 * How long ago an interaction was created, by this machine's clock: 0 when that is in the
 * future or past Discord's 3 seconds, which says more about the clock (or a test's id) than
 * about the interaction. Within them, a clock a little ahead only defers a little sooner.
 */
export function lateness(createdAt: number, now = Date.now()): number {
  const age = now - createdAt;
  return age > 0 && age < ACKNOWLEDGE_WITHIN_MS ? age : 0;
}

/** What a public "thinking…" message says for the moment before it is removed (see privateAfterDeferral). */
export const ANSWERED_PRIVATELY = 'Answered privately.';

/** What a malformed interaction is told (the log has the details). */
export const NOT_UNDERSTOOD =
  'This request was not understood: it came without something the command needs. Try the command again; if it keeps happening, an admin can run npm run deploy to refresh the commands.';

export interface RouterOptions {
  commands: ReadonlyMap<string, Command>;
  ctx: Context;
  logger: Logger;
}

export interface Router {
  handle(incoming: Incoming): Promise<void>;
}

export function createRouter({ commands, ctx, logger }: RouterOptions): Router {
  /** Runs the work so that Discord is acknowledged within its 3 seconds (see settle). */
  const run = async (
    incoming: Incoming,
    command: Command | undefined,
    work: (interim: Interim) => Outcome | Promise<Outcome>,
  ) => {
    // Discord's 3 seconds run from the interaction's creation: time it spent reaching this
    // point (a busy moment, a slow network) is time already gone.
    const started = performance.now() - lateness(incoming.createdAt);
    const edits = interimEdits(incoming, started, logger);
    const name =
      incoming.kind === 'button' || incoming.kind === 'form'
        ? `${incoming.kind}:${incoming.customId?.split(':').slice(0, 2).join(':')}`
        : incoming.command;
    // A button's reply is private only if its outcome says so; a form is answered privately.
    // Reading the `private` option can fail (an option of the wrong type): that is answered too.
    let privately = true;
    try {
      privately =
        incoming.kind === 'button' ? false : incoming.kind === 'form' ? true : isPrivate(command, incoming);
      const outcome = await settle(incoming, command, () => work(edits.interim), started, privately);
      // No interim view after the outcome, and none still being sent when it goes.
      await edits.close();
      await send(incoming, outcome, privately, privately || outcome.private === true);
      logger.info('interaction', {
        id: incoming.id,
        command: name,
        user: incoming.userId,
        results: outcome.results,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      await edits.close();
      await fail(incoming, name, error, started, privately);
    }
  };

  /**
   * A command marked heavy is deferred before its work starts. Other work starts on the next
   * turn of the event loop (never in the tick that arms the timer) and is deferred once it has
   * run DEFER_AFTER_MS, or before it starts if the loop was already that late. A timer cannot
   * fire while synchronous work runs: such work must be marked heavy or be fast.
   */
  const settle = async (
    incoming: Incoming,
    command: Command | undefined,
    work: () => Outcome | Promise<Outcome>,
    started: number,
    privately: boolean,
  ): Promise<Outcome> => {
    const acknowledge = () =>
      incoming.kind === 'button' ? incoming.deferUpdate() : incoming.defer(privately);
    if (incoming.kind === 'command' && isHeavy(command, incoming)) {
      await acknowledge();
      return await work();
    }
    let acknowledging: Promise<unknown> | undefined;
    const once = () => {
      acknowledging ??= acknowledge();
      return acknowledging;
    };
    const pending = nextTurn().then(async () => {
      if (performance.now() - started >= DEFER_AFTER_MS) await once();
      return work();
    });
    // When the acknowledgement fails nothing awaits the work: its failure is not an unhandled rejection.
    pending.catch(() => {});
    // What is left of DEFER_AFTER_MS since `started` (the interaction's creation, if it came late).
    const outcome = await Promise.race([
      pending,
      delay(Math.max(0, DEFER_AFTER_MS - (performance.now() - started))),
    ]);
    if (outcome !== undefined) return outcome;
    await once();
    return await pending;
  };

  /**
   * A private reply after a public deferral. Discord keeps a deferral's visibility for the edit
   * of its "thinking…" message and for the first follow-up (which it takes as that edit): the
   * deferred message is resolved first, the reply follows up privately, then the public message
   * goes. A command or a form only: a button's deferral has no message of its own.
   */
  const privateAfterDeferral = async (incoming: Incoming, payload: ReplyPayload) => {
    await incoming.edit(render({ kind: 'notice', message: ANSWERED_PRIVATELY }));
    await incoming.followUp(payload, true);
    // The asker has the reply now: a public message that cannot go (a moderator removed it
    // already) is only logged, never answered a second time.
    try {
      await incoming.deleteReply();
    } catch (error) {
      logger.warn('could not remove the public "thinking…" message', {
        id: incoming.id,
        error: describe(error),
      });
    }
  };
  const deferredPublicly = (incoming: Incoming, deferredPrivately: boolean) =>
    incoming.kind !== 'button' && incoming.deferred && !deferredPrivately;

  /**
   * Sends an outcome: a button's update in place or a new reply; an edit after a deferral.
   * `deferredPrivately`: how a deferral was made; `privately`: how the outcome is to be seen.
   */
  const send = async (
    incoming: Incoming,
    outcome: Outcome,
    deferredPrivately: boolean,
    privately: boolean,
  ) => {
    // A form can only be the first answer to a button; otherwise its view goes instead.
    if (outcome.form && incoming.kind === 'button' && !incoming.acknowledged) {
      await incoming.showForm(formPayload(outcome.form));
      return;
    }
    const payload = render(outcome.view);
    if (incoming.kind === 'button') {
      if (outcome.update) await (incoming.deferred ? incoming.edit(payload) : incoming.update(payload));
      else if (incoming.acknowledged) await incoming.followUp(payload, privately);
      else await incoming.reply(payload, privately);
      return;
    }
    if (privately && deferredPublicly(incoming, deferredPrivately))
      await privateAfterDeferral(incoming, payload);
    // A deferred reply keeps the deferral's visibility (a public outcome after a private one).
    else if (incoming.deferred) await incoming.edit(payload);
    else await incoming.reply(payload, privately);
  };

  const fail = async (
    incoming: Incoming,
    name: string,
    error: unknown,
    started: number,
    deferredPrivately: boolean,
  ) => {
    const ms = Math.round(performance.now() - started);
    const fields = { id: incoming.id, command: name, user: incoming.userId, ms };
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
      logger.warn('interaction expired before the answer (10062)', fields);
      return;
    }
    let payload: ReplyPayload;
    if (error instanceof NotUnderstood) {
      payload = render({ kind: 'problem', message: NOT_UNDERSTOOD });
      logger.warn('interaction not understood', { ...fields, error: error.message });
    } else if (isCoreError(error)) {
      payload = render({ kind: 'problem', message: error.reason });
      logger.info('interaction', { ...fields, problem: error.code });
    } else {
      payload = renderOops(incoming.id);
      logger.error('interaction failed', { ...fields, error: describe(error) });
    }
    try {
      if (deferredPublicly(incoming, deferredPrivately)) await privateAfterDeferral(incoming, payload);
      else if (incoming.acknowledged) await incoming.followUp(payload, true);
      else await incoming.reply(payload, true);
    } catch (e) {
      logger.warn('could not send the error reply', { id: incoming.id, error: describe(e) });
    }
  };

  const unknown = (message: string): Outcome => ({ view: { kind: 'problem', message }, private: true });

  return {
    async handle(incoming) {
      if (incoming.kind === 'autocomplete') {
        const command = commands.get(incoming.command);
        let choices: { name: string; value: string }[] = [];
        try {
          if (command?.kind === 'slash' && command.autocomplete)
            choices = command.autocomplete(incoming, ctx);
        } catch (error) {
          // No focused option, or a failing lookup: answer with no choices rather than not at all.
          logger.warn('autocomplete failed', {
            id: incoming.id,
            command: incoming.command,
            error: describe(error),
          });
        }
        try {
          await incoming.choices(renderChoices(choices));
        } catch (error) {
          logger.warn('could not send autocomplete choices', { id: incoming.id, error: describe(error) });
        }
        return;
      }
      const command = commands.get(incoming.command);
      // Presses and forms have their own limit (see PRESSES_PER_QUESTION), counted before any
      // command's work: a limited press changes nothing and is told so, privately.
      const wait = incoming.kind === 'command' ? 0 : (ctx.limitPress?.(incoming.userId) ?? 0);
      if (wait > 0) {
        await run(incoming, command, () =>
          unknown(`You are pressing quickly: try again in ${Math.ceil(wait / 1000)} s.`),
        );
        return;
      }
      if (incoming.kind === 'button') {
        await run(incoming, command, () =>
          command?.button ? command.button(incoming, ctx) : unknown('That button is not known any more.'),
        );
        return;
      }
      if (incoming.kind === 'form') {
        await run(incoming, command, () =>
          command?.form ? command.form(incoming, ctx) : unknown('That form is not known any more.'),
        );
        return;
      }
      await run(incoming, command, (interim) =>
        command
          ? command.execute(incoming, ctx, interim)
          : unknown(
              `I don't know the command "${incoming.command}" any more. An admin can run npm run deploy to refresh the commands.`,
            ),
      );
    },
  };
}

/** Resolves on a later turn of the event loop (a macrotask), never in the tick that called it. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const delay = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
