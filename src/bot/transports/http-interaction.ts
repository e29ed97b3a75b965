/**
 * An interaction as Discord POSTs it (raw API JSON), turned into the router's Incoming: options
 * checked against their types, the message a button or a form is on, the member's permissions,
 * and the acknowledgements as interaction responses (the first one is the HTTP response, later
 * ones go over REST on the interaction's webhook; see Exchange).
 */
import {
  type APIEmbed,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { type MessageSeen, NotUnderstood } from '../../../commands/_contract.js';
import type { ReplyPayload } from '../payload.js';
import { type MentionNames, namedMentions } from '../text/mentions.js';
import type { Incoming } from '../transport.js';

export type Json = { [key: string]: unknown };
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A payload as the API takes it: Discord's own field names (`allowed_mentions`), privacy as a flag. */
export function toApi(payload: ReplyPayload, privately = false): Json {
  const { allowedMentions, ...rest } = payload;
  return {
    ...rest,
    allowed_mentions: { parse: [...allowedMentions.parse] },
    ...(privately ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** How an interaction is answered: first the HTTP response, then REST on its webhook. */
export interface Exchange {
  /** Whether the HTTP response has been given. */
  readonly responded: boolean;
  /** The first acknowledgement, as the HTTP response; a second one throws. */
  respond(response: { type: InteractionResponseType; data?: Json }): void;
  /** Edits the original response (after the HTTP response is sent). */
  editOriginal(body: Json): Promise<void>;
  /** Sends another message (after the HTTP response is sent). */
  followUp(body: Json): Promise<void>;
  /** Deletes the original response (after the HTTP response is sent). */
  deleteOriginal(): Promise<void>;
}

function seen(message: unknown, names?: MentionNames): MessageSeen | null {
  if (!isObject(message) || typeof message.id !== 'string') return null;
  const content =
    typeof message.content === 'string' && message.content ? message.content : forwardedText(message);
  return {
    id: message.id,
    content: names ? namedMentions(content, names) : content,
    embeds: Array.isArray(message.embeds) ? (message.embeds.filter(isObject) as APIEmbed[]) : [],
  };
}

/** The text of a forwarded message: its first snapshot's (a forward has no text of its own). */
function forwardedText(message: Record<string, unknown>): string {
  const snapshot = Array.isArray(message.message_snapshots) ? message.message_snapshots[0] : undefined;
  const forwarded = isObject(snapshot) && isObject(snapshot.message) ? snapshot.message.content : undefined;
  return typeof forwarded === 'string' ? forwarded : '';
}

/** Discord's epoch: a snowflake's top 42 bits count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;

function createdAt(id: string): number {
  return /^\d{1,20}$/.test(id) ? Number((BigInt(id) >> 22n) + DISCORD_EPOCH) : Date.now();
}

/** Whether a member's permissions (a bit set, as a decimal string) include Manage Server (or Administrator). */
function managesGuild(member: unknown): boolean {
  if (!isObject(member) || typeof member.permissions !== 'string' || !/^\d+$/.test(member.permissions))
    return false;
  const bits = BigInt(member.permissions);
  // As discord.js's `has`: Administrator implies every permission.
  return (bits & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
}

/**
 * A raw API interaction (as Discord POSTs it) as an Incoming, answered through `exchange`; null
 * for kinds the bot does not handle. The counterpart of the gateway's `fromInteraction`. With
 * `names` (the server's roles and channels: see http-names.ts), role and channel mentions in its
 * text options and in the message a command acts on read as those names, as the gateway reads them.
 */
export function fromApi(interaction: Json, exchange: Exchange, names?: MentionNames): Incoming | null {
  const data = isObject(interaction.data) ? interaction.data : {};
  const member = isObject(interaction.member) ? interaction.member : undefined;
  const user = isObject(member?.user)
    ? member.user
    : isObject(interaction.user)
      ? interaction.user
      : undefined;
  if (typeof interaction.id !== 'string' || typeof user?.id !== 'string') return null;

  let kind: Incoming['kind'];
  let command: string;
  let message: MessageSeen | null = null;
  let customId: string | null = null;
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete && typeof data.name === 'string') {
    kind = 'autocomplete';
    command = data.name;
  } else if (interaction.type === InteractionType.ApplicationCommand && typeof data.name === 'string') {
    kind = 'command';
    command = data.name;
    if (data.type === ApplicationCommandType.Message) {
      const resolved =
        isObject(data.resolved) && isObject(data.resolved.messages) ? data.resolved.messages : {};
      message = typeof data.target_id === 'string' ? seen(resolved[data.target_id], names) : null;
    } else if (data.type !== ApplicationCommandType.ChatInput) return null;
  } else if (
    interaction.type === InteractionType.MessageComponent &&
    data.component_type === ComponentType.Button &&
    typeof data.custom_id === 'string'
  ) {
    kind = 'button';
    customId = data.custom_id;
    command = customId.split(':')[0] ?? '';
    message = seen(interaction.message);
  } else if (interaction.type === InteractionType.ModalSubmit && typeof data.custom_id === 'string') {
    kind = 'form';
    customId = data.custom_id;
    command = customId.split(':')[0] ?? '';
    message = interaction.message === undefined ? null : seen(interaction.message);
  } else return null;

  /** A submitted form's text fields: rows of components, each with a custom_id and a value. */
  const fields = new Map<string, string>();
  if (kind === 'form' && Array.isArray(data.components)) {
    for (const row of data.components.filter(isObject)) {
      const inner = Array.isArray(row.components) ? row.components.filter(isObject) : [row];
      for (const c of inner)
        if (typeof c.custom_id === 'string' && typeof c.value === 'string') fields.set(c.custom_id, c.value);
    }
  }

  const options = Array.isArray(data.options) ? data.options.filter(isObject) : [];
  /** An option's value, checked against the type Discord always sends for it. */
  const option = (name: string, type: ApplicationCommandOptionType, js: 'string' | 'number' | 'boolean') => {
    const o = options.find((d) => d.name === name);
    if (!o) return undefined;
    if (o.type !== type)
      throw new NotUnderstood(`option ${name} came as type ${String(o.type)}, not ${type}`);
    // Autocomplete sends what is being typed into the focused option as text, whatever its type.
    if (typeof o.value !== js && !o.focused)
      throw new NotUnderstood(`option ${name} of type ${type} came with a ${typeof o.value} value`);
    return o.value;
  };

  let state: 'none' | 'replied' | 'deferred' = 'none';
  const ack = (type: InteractionResponseType, body?: Json, after: typeof state = 'replied') => {
    exchange.respond(body ? { type, data: body } : { type });
    state = after;
  };
  const isCommand = kind === 'command' || kind === 'form';
  const isButton = kind === 'button';
  const isAutocomplete = kind === 'autocomplete';
  const guildId = typeof interaction.guild_id === 'string' ? interaction.guild_id : null;

  return {
    kind,
    command,
    id: interaction.id,
    userId: user.id,
    guildId,
    canManageGuild: managesGuild(member),
    createdAt: createdAt(interaction.id),
    customId,
    message,
    field: (id) => fields.get(id) ?? null,
    string: ((name: string, required?: boolean) => {
      const v = option(name, ApplicationCommandOptionType.String, 'string');
      if (v === undefined && required) throw new NotUnderstood(`required option ${name} is missing`);
      if (typeof v !== 'string') return null;
      return names ? namedMentions(v, names) : v;
    }) as Incoming['string'],
    boolean(name) {
      const v = option(name, ApplicationCommandOptionType.Boolean, 'boolean');
      return typeof v === 'boolean' ? v : null;
    },
    integer(name) {
      const v = option(name, ApplicationCommandOptionType.Integer, 'number');
      return typeof v === 'number' ? v : null;
    },
    focused() {
      const f = options.find((d) => d.focused === true);
      if (!f) throw new NotUnderstood('autocomplete without a focused option');
      return String(f.value ?? '');
    },
    get acknowledged() {
      return state !== 'none';
    },
    get deferred() {
      return state === 'deferred';
    },
    async reply(payload, privately) {
      if (!isAutocomplete) ack(InteractionResponseType.ChannelMessageWithSource, toApi(payload, privately));
    },
    async defer(privately) {
      if (isCommand)
        ack(
          InteractionResponseType.DeferredChannelMessageWithSource,
          privately ? { flags: MessageFlags.Ephemeral } : undefined,
          'deferred',
        );
    },
    async deferUpdate() {
      if (isButton) ack(InteractionResponseType.DeferredMessageUpdate, undefined, 'deferred');
    },
    async update(payload) {
      if (isButton) ack(InteractionResponseType.UpdateMessage, toApi(payload));
    },
    async edit(payload) {
      if (!isAutocomplete) await exchange.editOriginal(toApi(payload));
    },
    async followUp(payload, privately) {
      if (!isAutocomplete) await exchange.followUp(toApi(payload, privately));
    },
    async deleteReply() {
      if (!isAutocomplete) await exchange.deleteOriginal();
    },
    async choices(choices) {
      if (isAutocomplete) ack(InteractionResponseType.ApplicationCommandAutocompleteResult, { choices });
    },
    async showForm(form) {
      if (isButton) ack(InteractionResponseType.Modal, form as unknown as Json);
    },
  };
}
