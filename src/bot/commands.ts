/**
 * Loads the command modules from commands/ (every file but `_*`), checks each is a valid
 * command, and fails at start naming the file that is not.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Command, isCommand } from '../../commands/_contract.js';

export const COMMANDS_DIR = path.resolve(import.meta.dirname, '../../commands');

export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir))
    .filter((f) => /\.(ts|js)$/.test(f) && !f.startsWith('_') && !f.endsWith('.d.ts'))
    .sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    if (!isCommand(mod.default)) {
      throw new Error(`seedbot: commands/${file} does not export a command as default (kind, data, execute)`);
    }
    const name = mod.default.data.name;
    if (commands.has(name)) throw new Error(`seedbot: commands/${file} registers "${name}" a second time`);
    commands.set(name, mod.default);
  }
  return commands;
}
