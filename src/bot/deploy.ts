/**
 * Registers the commands with Discord: to the test guild (instant) or globally (`--global`).
 */
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { Command } from '../../commands/_contract.js';
import { unreachable } from './network.js';

export interface DeployTarget {
  token: string;
  clientId: string;
  /** Test guild; ignored when global. */
  guildId?: string;
  global: boolean;
  apiUrl?: string;
}

/** A deploy Discord refused or could not take; `retry`: trying again later may work (network, limits). */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly retry = false,
  ) {
    super(message);
  }
}

/** How long a request of the deploy waits for Discord's answer. */
export const DEPLOY_TIMEOUT_MS = 15_000;

/**
 * Removes the commands registered to one server alone (after a global deploy they would show
 * there twice): how many were removed; 0 when there were none, or when the bot cannot register
 * any there (not in that server: nothing of its shows there either).
 */
export async function clearGuildCommands(target: DeployTarget & { guildId: string }): Promise<number> {
  const rest = restFor(target);
  const route = Routes.applicationGuildCommands(target.clientId, target.guildId);
  let held: unknown;
  try {
    held = await rest.get(route);
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) return 0;
    throw explain(error, { ...target, global: false });
  }
  if (!Array.isArray(held) || held.length === 0) return 0;
  try {
    await rest.put(route, { body: [] });
  } catch (error) {
    throw explain(error, { ...target, global: false });
  }
  return held.length;
}

/** The REST client of a deploy: a rate limit or a silent server is said at once, not waited out. */
function restFor(target: DeployTarget): REST {
  // (discord.js would wait out an hour's limit, and try a silent server four times.)
  return new REST({
    version: '10',
    rejectOnRateLimit: () => true,
    retries: 1,
    timeout: DEPLOY_TIMEOUT_MS,
    ...(target.apiUrl ? { api: target.apiUrl } : {}),
  }).setToken(target.token);
}

/** Registers every command; returns the names Discord now holds. */
export async function deployCommands(target: DeployTarget, commands: Iterable<Command>): Promise<string[]> {
  if (!target.global && !target.guildId) {
    throw new DeployError(
      'DISCORD_GUILD_ID is not set: put your test server id in .env, or run npm run deploy -- --global to register everywhere',
    );
  }
  const rest = restFor(target);
  const body = [...commands].map((c) => c.data.toJSON());
  const route = target.global
    ? Routes.applicationCommands(target.clientId)
    : Routes.applicationGuildCommands(target.clientId, target.guildId as string);
  let registered: unknown;
  try {
    registered = await rest.put(route, { body });
  } catch (error) {
    throw explain(error, target);
  }
  // Discord answers with the commands it holds: anything else is not Discord (a proxy's page).
  if (!Array.isArray(registered) || !registered.every((c) => typeof c?.name === 'string'))
    throw new DeployError(
      `the answer${target.apiUrl ? ` from ${target.apiUrl}` : ''} is not Discord's list of commands: check DISCORD_API_URL (or leave it unset)`,
    );
  return registered.map((c: { name: string }) => c.name);
}

function explain(error: unknown, target: DeployTarget): DeployError {
  const at = target.apiUrl ? ` at ${target.apiUrl}` : '';
  if (error instanceof RateLimitError) {
    const seconds = Math.ceil(Math.max(error.retryAfter, error.timeToReset) / 1000);
    return new DeployError(
      `Discord is limiting requests (429): run npm run deploy again in ${seconds} s`,
      true,
    );
  }
  if (error instanceof Error && error.name === 'AbortError')
    return new DeployError(
      `Discord did not answer, tried twice for ${DEPLOY_TIMEOUT_MS / 1000} s each${at}: try again, or check the connection`,
      true,
    );
  if (error instanceof DiscordAPIError) return new DeployError(refused(error, target));
  // A server error, after discord.js tried again: Discord's, not the settings'.
  if (error instanceof HTTPError)
    return new DeployError(
      `Discord failed (${error.status}${error.message ? ` ${error.message}` : ''})${at}: run npm run deploy again in a minute`,
      true,
    );
  const network = unreachable(error);
  if (network)
    return new DeployError(
      `could not reach Discord${at} (${network.code}${network.hostname ? ` ${network.hostname}` : ''}): check the network, and DISCORD_API_URL if it is set, then run npm run deploy again`,
      true,
    );
  // Anything else (a certificate refused, an answer that is no JSON) needs a setting changed.
  return new DeployError(
    `could not reach Discord${at}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** What Discord's refusal means for the settings. */
function refused(error: DiscordAPIError, target: DeployTarget): string {
  if (error.status === 401)
    return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the token again from the Bot page';
  // 20012: the application named is not the token's (a guild's 403 would say: invite the bot).
  if (error.code === 20012)
    return 'Discord refused (403): DISCORD_CLIENT_ID is not the application whose token is DISCORD_TOKEN: copy the Application ID from the General Information page of the same application';
  if (error.status === 403) {
    return target.global
      ? 'Discord refused (403 Missing Access): check that DISCORD_CLIENT_ID is the id of the application whose token is DISCORD_TOKEN'
      : `Discord refused (403 Missing Access): invite the bot to server ${target.guildId ?? ''} with the applications.commands scope`;
  }
  if (error.status === 404)
    return 'Discord does not know that application or server (404): check DISCORD_CLIENT_ID and DISCORD_GUILD_ID';
  return `Discord refused the commands: ${error.message} (${error.status})`;
}
