#!/usr/bin/env node
/**
 * `npm test`: lint, then the type check and the test suite side by side (the suite waits on
 * sockets and child processes often enough for the type check to use the idle time). The type
 * check's output is printed after the suite's; the exit code is non-zero if any step failed.
 * Arguments go to vitest (`npm test -- test/core`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const lint = spawnSync(process.execPath, [bin('@biomejs/biome', 'bin/biome'), 'check', '.'], {
  cwd: root,
  stdio: 'inherit',
});
if (lint.status !== 0) process.exit(lint.status ?? 1);

let typeOutput = '';
const types = new Promise((resolve) => {
  const tsc = spawn(process.execPath, [bin('typescript', 'bin/tsc'), '--noEmit'], { cwd: root });
  tsc.stdout.on('data', (d) => {
    typeOutput += d;
  });
  tsc.stderr.on('data', (d) => {
    typeOutput += d;
  });
  tsc.on('close', (code) => resolve(code ?? 1));
});
const tests = new Promise((resolve) => {
  const vitest = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  vitest.on('close', (code) => resolve(code ?? 1));
});
const [typeCode, testCode] = await Promise.all([types, tests]);
process.stdout.write(typeCode === 0 ? 'Type check: no errors\n' : `Type check failed:\n${typeOutput}`);
process.exit(typeCode !== 0 ? typeCode : testCode);
