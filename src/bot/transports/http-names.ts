/**
 * Role and channel names for HTTP mode, where no gateway cache holds them. A question written
 * with Discord's mention picker arrives as `how do I get <@&1234>?`; the gateway reads it by the
 * names the server gives (text/mentions.ts), and so does HTTP mode with this: the server's roles
 * and channels, fetched with the bot's token (`GET /guilds/{id}/roles` and `/channels`) only when
 * an interaction holds such a mention, kept per server for NAMES_TTL_MS, at most MAX_SERVERS
 * servers. A server the bot cannot read (it was added for commands only, without the bot), an
 * error or an answer slower than NAMES_TIMEOUT_MS leaves the mentions as typed: the question is
 * still answered, within Discord's 3 seconds. A channel `@everyone` may not see keeps its id.
 */
import { InteractionType, PermissionFlagsBits, type REST, Routes } from 'discord.js';
import type { Logger } from '../logger.js';
import type { MentionNames } from '../text/mentions.js';
import { isObject, type Json } from './http-interaction.js';

/** How long a server's names are kept: a renamed role is read by its new name after this. */
export const NAMES_TTL_MS = 5 * 60_000;
/** The longest wait for a server's names before the question is read without them. */
export const NAMES_TIMEOUT_MS = 1000;
/** How long a failed fetch (a 5xx, a time-out) is remembered before the server is asked again. */
const RETRY_MS = 60_000;
/** The longest a fetch may take at all (it goes on past NAMES_TIMEOUT_MS, for the next question). */
const REQUEST_LIMIT_MS = 10_000;
/** Servers whose names are kept at once (the least recently used go first). */
const MAX_SERVERS = 500;
/** Roles or channels kept per server, at most (Discord allows 250 roles and 500 channels). */
const MAX_NAMES = 1000;

/** A role or channel mention, as in text/mentions.ts. */
const MENTION = /<(?:@&|#)\d{15,21}>/;

/**
 * Whether an interaction's text options, or the message it acts on, hold a role or channel
 * mention. Autocomplete reads only what is being typed into one option: never.
 */
export function holdsMentions(interaction: Json): boolean {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) return false;
  const data = isObject(interaction.data) ? interaction.data : {};
  const options = Array.isArray(data.options) ? data.options.filter(isObject) : [];
  if (options.some((o) => typeof o.value === 'string' && MENTION.test(o.value))) return true;
  const messages = isObject(data.resolved) && isObject(data.resolved.messages) ? data.resolved.messages : {};
  return Object.values(messages).some(
    (m) => isObject(m) && typeof m.content === 'string' && MENTION.test(m.content),
  );
}

/** A server's names by id, as the API lists them (objects with an id and a name). */
function namesOf(list: unknown, keep: (item: Json) => boolean = () => true): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(list)) return names;
  for (const item of list.slice(0, MAX_NAMES))
    if (isObject(item) && typeof item.id === 'string' && typeof item.name === 'string' && keep(item))
      names.set(item.id, item.name);
  return names;
}

const bits = (value: unknown): bigint =>
  typeof value === 'string' && /^\d{1,20}$/.test(value) ? BigInt(value) : 0n;

/**
 * Whether everyone on the server may see a channel: the `@everyone` role's permissions, with the
 * channel's overwrite for that role. A private channel's name is no one's to learn from a reply
 * (whoever typed its id may not see it), so it stays as typed.
 */
function seenByEveryone(channel: Json, guildId: string, everyone: bigint): boolean {
  const overwrites = Array.isArray(channel.permission_overwrites) ? channel.permission_overwrites : [];
  const own = overwrites.find((o): o is Json => isObject(o) && o.id === guildId);
  const allowed = own ? (everyone & ~bits(own.deny)) | bits(own.allow) : everyone;
  return (allowed & (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.Administrator)) !== 0n;
}

/** What a server's roles and channels answer as names. */
function serverNamesFrom(guildId: string, roles: unknown, channels: unknown): MentionNames {
  const everyoneRole = Array.isArray(roles) ? roles.find((r) => isObject(r) && r.id === guildId) : undefined;
  const everyone = isObject(everyoneRole) ? bits(everyoneRole.permissions) : 0n;
  const roleNames = namesOf(roles);
  const channelNames = namesOf(channels, (c) => seenByEveryone(c, guildId, everyone));
  return {
    // The `@everyone` role has the server's id: it stays as typed, as the gateway leaves it.
    role: (id) => (id === guildId ? undefined : roleNames.get(id)),
    channel: (id) => channelNames.get(id),
  };
}

/** `promise`'s value, or undefined once `ms` have passed first (or when it fails). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

interface Kept {
  at: number;
  /** How long this entry holds: NAMES_TTL_MS, or RETRY_MS after a failure. */
  ttl: number;
  names: Promise<MentionNames | undefined>;
}

/**
 * A reader of servers' names: `names(guildId)` resolves within `timeoutMs` to the server's names,
 * or to undefined when they cannot be had in time (never rejects). A fetch slower than that goes
 * on, for the next question (a rate limit may hold it longer than any timeout: discord.js does
 * not cut its waits short). A server the bot may not read (403, 404) is asked again after
 * NAMES_TTL_MS, one that failed otherwise (a 5xx, a time-out) after RETRY_MS: a server without
 * the bot costs two requests per five minutes, whatever its members type.
 */
export function serverNames(
  rest: REST,
  logger: Logger,
  now: () => number = Date.now,
  timeoutMs = NAMES_TIMEOUT_MS,
): (guildId: string) => Promise<MentionNames | undefined> {
  const kept = new Map<string, Kept>();
  const fetchNames = async (guildId: string, entry: Kept): Promise<MentionNames | undefined> => {
    const signal = AbortSignal.timeout(REQUEST_LIMIT_MS);
    try {
      const [roles, channels] = await Promise.all([
        rest.get(Routes.guildRoles(guildId), { signal }),
        rest.get(Routes.guildChannels(guildId), { signal }),
      ]);
      return serverNamesFrom(guildId, roles, channels);
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      entry.ttl = status === 403 || status === 404 ? NAMES_TTL_MS : RETRY_MS;
      logger.debug('server names not read: mentions left as typed', {
        guild: guildId,
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  };
  return (guildId) => {
    const at = now();
    const found = kept.get(guildId);
    if (found && at - found.at < found.ttl) {
      // Most recently used last: the first key is the one to drop.
      kept.delete(guildId);
      kept.set(guildId, found);
      return within(found.names, timeoutMs);
    }
    kept.delete(guildId);
    if (kept.size >= MAX_SERVERS) kept.delete(kept.keys().next().value as string);
    const entry: Kept = { at, ttl: NAMES_TTL_MS, names: Promise.resolve(undefined) };
    kept.set(guildId, entry);
    entry.names = fetchNames(guildId, entry);
    return within(entry.names, timeoutMs);
  };
}
