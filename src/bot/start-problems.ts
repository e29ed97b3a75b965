/**
 * Why the bot could not start, in words an admin can act on, with the exit code: 2 for a setting
 * to change (the seeds folder, DATA_DIR, the token, the port to listen on), 1 for what may pass
 * (the network). Pure: start.ts prints what it returns.
 */
import { isCoreError } from '../core/index.js';
import { describe } from './logger.js';
import { unreachable } from './network.js';

export interface StartFailure {
  message: string;
  exitCode: number;
}

/** Why the knowledge-gaps log cannot be kept in DATA_DIR, and what to do. */
export function dataDirProblem(dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EEXIST' || code === 'ENOTDIR')
    return `DATA_DIR (${dir}) is a file, or inside one, not a folder: set DATA_DIR to a folder (it is made if missing), or set GAPS=off`;
  return `the knowledge-gaps log cannot be kept in DATA_DIR (${dir}): ${describe(error)}. Make that folder writable, set DATA_DIR to one that is, or set GAPS=off`;
}

/** What a gateway close code discord.js gives up on means for the admin, for the common ones. */
export const LOST: Record<number, string> = {
  4004: ': the token is no longer valid, copy it again from the Bot page',
  4011: ': the bot now needs shards, set DISCORD_SHARDS=auto',
  4014: ': an intent the bot asks for is not enabled on the Bot page',
};

/**
 * What the start's failure means: the documents (the same words on a reload say the previous
 * documents are still served), a token Discord rejects, the address to listen on (`listening`:
 * the error came from listening for HTTP interactions), the network; anything else as it is.
 */
export function failedStart(error: unknown, listening: boolean): StartFailure {
  if (isCoreError(error))
    return {
      message: error.code === 'SEEDS_EMPTY' ? `${error.message}, then start again` : error.message,
      exitCode: 2,
    };
  if (
    error instanceof Error &&
    (/TokenInvalid|invalid token/i.test(`${error.name} ${error.message}`) ||
      (error as { status?: number }).status === 401)
  )
    return {
      message:
        'seedbot: Discord rejected DISCORD_TOKEN: copy the token again from the Bot page of your application',
      exitCode: 2,
    };
  const known = startProblem(error, listening);
  return {
    message: `seedbot: ${known?.message ?? `could not start: ${describe(error)}`}`,
    exitCode: known?.exitCode ?? 1,
  };
}

/**
 * A failure to start that a setting or the network explains, said so: the port or address
 * INTERACTIONS_PORT / INTERACTIONS_HOST name cannot be listened on (a setting to change: exit 2),
 * or Discord cannot be reached (the network, or DISCORD_API_URL: exit 1, worth trying again).
 */
function startProblem(error: unknown, listening: boolean): StartFailure | undefined {
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
  const where = e.port === undefined ? '' : ` ${e.address ?? ''}:${e.port}`;
  // Listening (HTTP mode) fails on a setting; connecting out fails on the network.
  if (listening) {
    switch (e?.code) {
      case 'EADDRINUSE':
        return {
          message: `could not start: the port${where} is in use by another program: set INTERACTIONS_PORT to a free port, or stop that program`,
          exitCode: 2,
        };
      case 'EACCES':
        return {
          message: `could not start: listening on${where} needs privileges this user lacks: set INTERACTIONS_PORT to a port above 1023 (a proxy can forward 443 to it)`,
          exitCode: 2,
        };
      case 'EADDRNOTAVAIL':
        return {
          message: `could not start: ${e.address ?? 'INTERACTIONS_HOST'} is not an address of this machine: set INTERACTIONS_HOST to one of its addresses, or leave it unset`,
          exitCode: 2,
        };
      case 'ENOTFOUND':
        return {
          message: `could not start: INTERACTIONS_HOST ${e.hostname ?? ''} is no name this machine can find: set it to one of the machine's addresses, or leave it unset`,
          exitCode: 2,
        };
      case 'EAI_AGAIN':
        return {
          message: `could not start: the name in INTERACTIONS_HOST (${e.hostname ?? ''}) could not be looked up now: check the network, or set it to an address`,
          exitCode: 1,
        };
      default:
        return undefined;
    }
  }
  const network = unreachable(error);
  return network
    ? {
        message: `could not reach Discord (${network.code}${network.hostname ? ` ${network.hostname}` : where}): check the network, and DISCORD_API_URL if it is set`,
        exitCode: 1,
      }
    : undefined;
}
