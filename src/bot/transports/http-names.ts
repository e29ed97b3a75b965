/**
 * Role and channel names for HTTP mode, where no gateway cache holds them. A question written
 * with Discord's mention picker arrives as `how do I get <@&1234>?`; the gateway reads it by the
 * names the server gives (text/mentions.ts), and so does HTTP mode with this: the server's roles
 * and channels, fetched with the bot's token (`GET /guilds/{id}/roles` and `/channels`) only when
 * an interaction holds such a mention, kept per server for NAMES_TTL_MS, at most MAX_SERVERS
 * servers. A server the bot cannot read (it was added for commands only, without the bot), an
 * error or an answer slower than NAMES_TIMEOUT_MS leaves the mentions as typed: the question is
 * still answered, within Discord's 3 seconds.
 */
import { type REST, Routes } from 'discord.js';
import type { Logger } from '../logger.js';
import type { MentionNames } from '../text/mentions.js';
import { isObject, type Json } from './http-interaction.js';

/** How long a server's names are kept: a renamed role is read by its new name after this. */
export const NAMES_TTL_MS = 5 * 60_000;
/** The longest wait for a server's names before the question is read without them. */
export const NAMES_TIMEOUT_MS = 1000;
/** Servers whose names are kept at once (the least recently used go first). */
const MAX_SERVERS = 500;
/** Roles or channels kept per server, at most (Discord allows 250 roles and 500 channels). */
const MAX_NAMES = 1000;

/** A role or channel mention, as in text/mentions.ts. */
const MENTION = /<(?:@&|#)\d{15,21}>/;

/** Whether an interaction's text options, or the message it acts on, hold a role or channel mention. */
export function holdsMentions(interaction: Json): boolean {
  const data = isObject(interaction.data) ? interaction.data : {};
  const options = Array.isArray(data.options) ? data.options.filter(isObject) : [];
  if (options.some((o) => typeof o.value === 'string' && MENTION.test(o.value))) return true;
  const messages = isObject(data.resolved) && isObject(data.resolved.messages) ? data.resolved.messages : {};
  return Object.values(messages).some(
    (m) => isObject(m) && typeof m.content === 'string' && MENTION.test(m.content),
  );
}

/** A server's names by id, as the API lists them (objects with an id and a name). */
function namesOf(list: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(list)) return names;
  for (const item of list.slice(0, MAX_NAMES))
    if (isObject(item) && typeof item.id === 'string' && typeof item.name === 'string')
      names.set(item.id, item.name);
  return names;
}

interface Kept {
  at: number;
  names: Promise<MentionNames | undefined>;
}

/**
 * A reader of servers' names: `names(guildId)` resolves to the server's names, or to undefined
 * when they cannot be had in time (never rejects).
 */
export function serverNames(
  rest: REST,
  logger: Logger,
  now: () => number = Date.now,
  timeoutMs = NAMES_TIMEOUT_MS,
): (guildId: string) => Promise<MentionNames | undefined> {
  const kept = new Map<string, Kept>();
  const fetchNames = async (guildId: string): Promise<MentionNames | undefined> => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const [roles, channels] = await Promise.all([
        rest.get(Routes.guildRoles(guildId), { signal }),
        rest.get(Routes.guildChannels(guildId), { signal }),
      ]);
      const roleNames = namesOf(roles);
      const channelNames = namesOf(channels);
      return {
        // The `@everyone` role has the server's id: it stays as typed, as the gateway leaves it.
        role: (id) => (id === guildId ? undefined : roleNames.get(id)),
        channel: (id) => channelNames.get(id),
      };
    } catch (error) {
      logger.debug('server names not read: mentions left as typed', {
        guild: guildId,
        error: error instanceof Error ? error.message : String(error),
      });
      // Not kept: the next question asks again (a bot added since, a slow moment past).
      kept.delete(guildId);
      return undefined;
    }
  };
  return (guildId) => {
    const at = now();
    const found = kept.get(guildId);
    if (found && at - found.at < NAMES_TTL_MS) {
      // Most recently used last: the first key is the one to drop.
      kept.delete(guildId);
      kept.set(guildId, found);
      return found.names;
    }
    kept.delete(guildId);
    if (kept.size >= MAX_SERVERS) kept.delete(kept.keys().next().value as string);
    const entry: Kept = { at, names: Promise.resolve(undefined) };
    kept.set(guildId, entry);
    entry.names = fetchNames(guildId);
    return entry.names;
  };
}
