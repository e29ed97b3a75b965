/**
 * `npm run deploy`: registers every command to the test guild DISCORD_GUILD_ID (instant), or
 * globally with `--global` (then removes the test guild's own copies, which would show beside
 * the global ones). Problems are one line each, never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConfig } from './bot/config.js';

/** Where the command writes, and the settings it reads. */
export interface DeployIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the command with these arguments (without `node` and the script) and returns its exit
 * code: 0 registered, 2 a settings problem or Discord refused (one line on stderr), 1 when
 * trying again may work (Discord unreachable, limiting or failing) or anything unexpected.
 */
export async function runDeploy(
  argv: string[],
  io: DeployIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const printError = (text: string) => io.stderr.write(`${text}\n`);
  const unknown = argv.filter((a) => a !== '--global');
  if (unknown.length > 0) {
    printError(`seedbot: unknown option ${unknown[0]}\nusage: npm run deploy [-- --global]`);
    return 2;
  }
  const global = argv.includes('--global');
  // What deploying needs, reported with any other problem of the settings, one line each.
  const config = readConfig(printError, io.env, {
    DISCORD_TOKEN: 'copy it from the Bot page of your application',
    DISCORD_CLIENT_ID: 'copy the Application ID from the General Information page',
    ...(global
      ? {}
      : { DISCORD_GUILD_ID: 'right-click your test server → Copy Server ID (or deploy with --global)' }),
  });
  if (!config?.token || !config.clientId) return 2;
  // Loaded only when needed: a settings problem is reported before discord.js and the
  // language model load.
  const [{ loadCommands }, { clearGuildCommands, DeployError, deployCommands }] = await Promise.all([
    import('./bot/commands.js'),
    import('./bot/deploy.js'),
  ]);
  try {
    const commands = await loadCommands();
    const names = await deployCommands(
      {
        token: config.token as string,
        clientId: config.clientId as string,
        ...(config.guildId ? { guildId: config.guildId } : {}),
        global,
        ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
      },
      commands.values(),
    );
    io.stdout.write(
      `Registered ${names.length} commands ${global ? 'globally (they can take up to an hour to appear)' : `to server ${config.guildId}`}: ${names.map((n) => (n.includes(' ') ? n : `/${n}`)).join(', ')}\n`,
    );
    if (global && config.guildId) {
      // The test server's own copies would show there beside the global ones: each command twice.
      try {
        const removed = await clearGuildCommands({
          token: config.token,
          clientId: config.clientId,
          guildId: config.guildId,
          global: false,
          ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
        });
        if (removed > 0)
          io.stdout.write(
            `Removed the ${removed} commands registered to server ${config.guildId} alone (DISCORD_GUILD_ID), so they do not show twice there\n`,
          );
      } catch (error) {
        printError(
          `seedbot: the commands registered to server ${config.guildId} alone could not be removed (${error instanceof Error ? error.message : String(error)}): they show twice there until removed; unset DISCORD_GUILD_ID to leave them`,
        );
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof DeployError) {
      printError(`seedbot: ${error.message}`);
      // Exit 1 when trying again may work (the network, a limit), 2 when a setting must change.
      return error.retry ? 1 : 2;
    }
    printError(`seedbot: deploy failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// `npm run deploy` (this file run, not imported): the process's arguments and streams.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runDeploy(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
