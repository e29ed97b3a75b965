/**
 * Mentions in what a member typed, as the names they show in Discord: a question written with
 * Discord's mention picker arrives as `how do I get <@&1234> role?`, which the documents never
 * write; they write "the Artist role" and "#gallery". Only names the server gives (its roles and
 * channels, from the bot's cache); a user's mention, the `@everyone` role and anything unknown
 * stay as typed (the reply neutralises them).
 */
import { type Guild, PermissionFlagsBits } from 'discord.js';

export interface MentionNames {
  role(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const ROLE_OR_CHANNEL = /<(@&|#)(\d{15,21})>/g;

/** `text` with each role and channel mention the server names written as `@Name` or `#name`. */
export function namedMentions(text: string, names: MentionNames): string {
  if (!text.includes('<')) return text;
  return text.replace(ROLE_OR_CHANNEL, (whole, kind: string, id: string) => {
    const name = (kind === '#' ? names.channel(id) : names.role(id))?.trim();
    if (!name || name.startsWith('@') || /[<>\n]/.test(name)) return whole;
    return `${kind === '#' ? '#' : '@'}${name}`;
  });
}

/**
 * A server's names as the gateway's cache holds them. The `@everyone` role (the server's id) and
 * a channel `@everyone` may not see keep their ids: a private channel's name is no one's to
 * learn from a reply.
 */
export function cachedNames(guild: Guild | null): MentionNames {
  return {
    role: (id) => (id === guild?.id ? undefined : guild?.roles.cache.get(id)?.name),
    channel: (id) => {
      const channel = guild?.channels.cache.get(id);
      return guild && channel?.permissionsFor(guild.roles.everyone)?.has(PermissionFlagsBits.ViewChannel)
        ? channel.name
        : undefined;
    },
  };
}
