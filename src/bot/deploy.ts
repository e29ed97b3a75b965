/**
 * Registers the commands with Discord: to the test guild (instant) or globally (`--global`).
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import type { Command } from '../../commands/_contract.js';

export interface DeployTarget {
  token: string;
  clientId: string;
  /** Test guild; ignored when global. */
  guildId?: string;
  global: boolean;
  apiUrl?: string;
}

export class DeployError extends Error {}

/** Registers every command; returns the names Discord now holds. */
export async function deployCommands(target: DeployTarget, commands: Iterable<Command>): Promise<string[]> {
  if (!target.global && !target.guildId) {
    throw new DeployError(
      'DISCORD_GUILD_ID is not set: put your test server id in .env, or run npm run deploy -- --global to register everywhere',
    );
  }
  const rest = new REST({ version: '10', ...(target.apiUrl ? { api: target.apiUrl } : {}) }).setToken(
    target.token,
  );
  const body = [...commands].map((c) => c.data.toJSON());
  const route = target.global
    ? Routes.applicationCommands(target.clientId)
    : Routes.applicationGuildCommands(target.clientId, target.guildId as string);
  try {
    const registered = (await rest.put(route, { body })) as { name: string }[];
    return registered.map((c) => c.name);
  } catch (error) {
    throw new DeployError(explain(error, target));
  }
}

function explain(error: unknown, target: DeployTarget): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the token again from the Bot page';
    if (error.status === 403) {
      return `Discord refused (403 Missing Access): invite the bot to server ${target.guildId ?? ''} with the applications.commands scope`;
    }
    if (error.status === 404)
      return 'Discord does not know that application or server (404): check DISCORD_CLIENT_ID and DISCORD_GUILD_ID';
    return `Discord refused the commands: ${error.message} (${error.status})`;
  }
  const cause = error instanceof Error ? error.message : String(error);
  return `could not reach Discord${target.apiUrl ? ` at ${target.apiUrl}` : ''}: ${cause}`;
}
