#!/usr/bin/env node
/**
 * `npm test`: the lint, the type check and the test suite side by side (the suite waits on
 * sockets and child processes often enough for the other two to use the idle time). The lint's
 * and the type check's output is printed after the suite's (a failing lint at once); the exit
 * code is non-zero if any step failed. Arguments go to vitest (`npm test -- test/core`).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

/** Runs a node script, keeping its output; resolves to its exit code and output. */
function quiet(script, args) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [script, ...args], { cwd: root });
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const lint = quiet(bin('@biomejs/biome', 'bin/biome'), ['check', '.']).then((r) => {
  // A lint failure shows at once, not after the suite.
  if (r.code !== 0) process.stdout.write(`Lint failed:\n${r.output}\n`);
  return r;
});
// Incremental: a run after the first checks only what changed (its state in node_modules/.cache).
const types = quiet(bin('typescript', 'bin/tsc'), [
  '--noEmit',
  '--incremental',
  '--tsBuildInfoFile',
  path.join(root, 'node_modules/.cache/seedbot-tsc.tsbuildinfo'),
]);
const tests = new Promise((resolve) => {
  const vitest = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  vitest.on('close', (code) => resolve(code ?? 1));
});
const [lintResult, typeResult, testCode] = await Promise.all([lint, types, tests]);
process.stdout.write(lintResult.code === 0 ? 'Lint: no problems\n' : 'Lint failed (see above)\n');
process.stdout.write(
  typeResult.code === 0 ? 'Type check: no errors\n' : `Type check failed:\n${typeResult.output}`,
);
process.exit([lintResult.code, typeResult.code, testCode].find((c) => c !== 0) ?? 0);
