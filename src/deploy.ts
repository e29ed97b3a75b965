/**
 * `npm run deploy`: registers every command to the test guild DISCORD_GUILD_ID (instant), or
 * globally with `--global`. Problems are one line, never a stack trace.
 */
import { loadCommands } from './bot/commands.js';
import { ConfigError, loadConfig } from './bot/config.js';
import { DeployError, deployCommands } from './bot/deploy.js';

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--global');
  if (unknown.length > 0) {
    console.error(`seedbot: unknown option ${unknown[0]}\nusage: npm run deploy [-- --global]`);
    return 2;
  }
  const global = argv.includes('--global');
  const config = loadConfig();
  const missing = [
    config.token ? '' : 'DISCORD_TOKEN (the Bot page of your application)',
    config.clientId ? '' : 'DISCORD_CLIENT_ID (the General Information page)',
    global || config.guildId
      ? ''
      : 'DISCORD_GUILD_ID (right-click your test server → Copy Server ID), or use --global',
  ].filter(Boolean);
  if (missing.length > 0) {
    console.error(`seedbot: to deploy, set in .env: ${missing.join('; ')}`);
    return 2;
  }
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
  console.log(
    `Registered ${names.length} commands ${global ? 'globally (they can take up to an hour to appear)' : `to server ${config.guildId}`}: ${names.map((n) => (n.includes(' ') ? n : `/${n}`)).join(', ')}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DeployError) {
      console.error(error instanceof DeployError ? `seedbot: ${error.message}` : error.message);
      process.exitCode = 2;
      return;
    }
    console.error(`seedbot: deploy failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
