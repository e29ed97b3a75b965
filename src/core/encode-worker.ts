/**
 * A worker thread that parses and tokenises blocks of files (see encodeFiles), one encoder for
 * all of them: each `{ files }` is answered with the files' outcomes, `{ finish: true }` with the
 * encoder's dictionary. Reports the bytes of each file done. The first job says how many bytes
 * the build tokenises (`bytes`): the tokenizer's caches are sized to it. The worker may be
 * started before that is known (see startTokenisers), while the files are still being read.
 */
import { parentPort } from 'node:worker_threads';
import { encodeFiles, transferList } from './build.js';
import { prepareReaders } from './corpus.js';
import { runSteps } from './steps.js';
import { bulk, TermEncoder } from './tokenizer.js';
import { dictionaryOf } from './units.js';

type FileJob = { source: string; bytes: Uint8Array; hash: string; vault?: true };

const port = parentPort;
if (port) {
  let end: (() => void) | undefined;
  let encoder: TermEncoder | undefined;
  port.on('message', async (job: { files?: FileJob[]; bytes?: number; finish?: boolean }) => {
    if (!end) {
      // The tokenizer's caches are sized to the whole build's text, then the encoder to them.
      end = bulk(job.bytes ?? 0);
      encoder = new TermEncoder();
    }
    const enc = encoder as TermEncoder;
    if (job.files) {
      // This thread loads the readers its files need (one job at a time: nothing runs meanwhile).
      await prepareReaders(job.files.map((f) => f.source));
      let done: number[] = [];
      let last = performance.now();
      const parsed = runSteps(
        encodeFiles(job.files, enc, (bytes) => {
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
      port.postMessage({ result: dictionaryOf(enc) });
      end();
    }
  });
}
