/**
 * What the router needs of an interaction, whatever carried it: the Discord gateway
 * (transports/gateway.ts), HTTP interactions, or the local console (transports/console.ts).
 * A transport turns its interactions into an Incoming and carries the replies back.
 */
import type { Request } from '../../commands/_contract.js';
import type { FormPayload, ReplyPayload } from './payload.js';

export type IncomingKind = 'command' | 'button' | 'autocomplete' | 'form';

export interface Incoming extends Request {
  kind: IncomingKind;
  /** The command's name (a button's: the first part of its custom id). */
  command: string;
  /** When the interaction was created (ms since the epoch): Discord's 3 seconds run from here. */
  createdAt: number;
  /** Whether the interaction has been acknowledged yet (a reply, a deferral or an update). */
  readonly acknowledged: boolean;
  /** Whether the acknowledgement was a deferral (the answer is then an edit). */
  readonly deferred: boolean;
  /** Replies (the first acknowledgement). */
  reply(payload: ReplyPayload, privately: boolean): Promise<void>;
  /** Acknowledges now, answers later: a "thinking…" reply, private or not. */
  defer(privately: boolean): Promise<void>;
  /** A button: acknowledges now; the message it is on is edited later. */
  deferUpdate(): Promise<void>;
  /** A button: replaces the message it is on. */
  update(payload: ReplyPayload): Promise<void>;
  /** Edits the deferred reply (or the message a deferred button is on). */
  edit(payload: ReplyPayload): Promise<void>;
  /**
   * Another message after the first (an error, a button's private reply). Discord gives the first
   * follow-up after a deferral the deferral's visibility: see the router's privateAfterDeferral.
   */
  followUp(payload: ReplyPayload, privately: boolean): Promise<void>;
  /** Deletes the first reply (the deferred one). */
  deleteReply(): Promise<void>;
  /** Autocomplete: the choices. */
  choices(choices: { name: string; value: string }[]): Promise<void>;
  /** A button: answers with a form to fill in (a modal); its submission comes back as kind 'form'. */
  showForm(form: FormPayload): Promise<void>;
}
