/**
 * How a test starts an entry point (`src/start.ts`, `src/cli.ts`) as a process: the tree the
 * global setup compiled (test/setup/compile.ts) when there is one, tsx otherwise (a single file
 * run outside vitest's setup). Returns node's arguments; the process runs from the project root.
 */
import path from 'node:path';

export function entryArgs(script: `src/${string}.ts`): string[] {
  const build = process.env.SEEDBOT_TEST_BUILD;
  return build ? [path.join(build, script.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', script];
}

/**
 * A test's own script that imports project modules: the path to import `file`
 * (`src/bot/gaps-store.ts`) from, and node's arguments to run the script.
 */
export function scriptWith(file: `src/${string}.ts`): { module: string; args: (script: string) => string[] } {
  const build = process.env.SEEDBOT_TEST_BUILD;
  return build
    ? { module: path.join(build, file.replace(/\.ts$/, '.js')), args: (script) => [script] }
    : { module: path.resolve(file), args: (script) => ['--import', 'tsx', script] };
}
