/**
 * A worker thread that parses and tokenises blocks of files (see encodeFiles), one encoder for
 * all of them: each `{ files }` is answered with the files' outcomes, `{ finish: true }` with the
 * encoder's dictionary. Reports the bytes of each file done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeFiles, transferList } from './build.js';
import { prepareReaders } from './corpus.js';
import { runSteps } from './steps.js';
import { bulk, TermEncoder } from './tokenizer.js';
import { dictionaryOf } from './units.js';

type FileJob = { source: string; bytes: Uint8Array; hash: string };

const port = parentPort;
if (port) {
  // The tokenizer's caches are sized to the whole build's text.
  const end = bulk((workerData as { bytes: number }).bytes);
  const encoder = new TermEncoder();
  port.on('message', async (job: { files?: FileJob[]; finish?: boolean }) => {
    if (job.files) {
      // This thread loads the readers its files need (one job at a time: nothing runs meanwhile).
      await prepareReaders(job.files.map((f) => f.source));
      let done: number[] = [];
      let last = performance.now();
      const parsed = runSteps(
        encodeFiles(job.files, encoder, (bytes) => {
          done.push(bytes);
          const now = performance.now();
          if (now - last >= 50) {
            last = now;
            port.postMessage({ progress: done });
            done = [];
          }
        }),
      );
      if (done.length > 0) port.postMessage({ progress: done });
      port.postMessage({ result: parsed }, transferList(parsed));
    } else {
      port.postMessage({ result: dictionaryOf(encoder) });
      end();
    }
  });
}
