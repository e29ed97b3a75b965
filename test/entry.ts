/**
 * How a test starts an entry point (`src/start.ts`, `src/cli.ts`) as a process: the tree the
 * global setup compiled (test/setup/compile.ts) when there is one, tsx otherwise (a single file
 * run outside vitest's setup). Returns node's arguments; the process runs from the project root.
 */
import { spawn } from 'node:child_process';
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

/**
 * Runs an entry point fed `input` on stdin, read as `| head -c 100` reads it: its standard output
 * is closed once 100 bytes have come. Resolves with its exit code and what it wrote to stderr.
 */
export function closedEarly(
  script: `src/${string}.ts`,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs(script), ...args], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env,
    });
    let err = '';
    let read = 0;
    child.stdout.on('data', (d: Buffer) => {
      read += d.length;
      // The reader has what it wanted: it goes, as head -c does.
      if (read > 100) child.stdout.destroy();
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
    child.stdin.end(input);
  });
}

/** Whether a process is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
