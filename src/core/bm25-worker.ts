/**
 * A worker thread that builds the wink index (see buildPostings) of the passages it is sent,
 * reporting passages added. It is started ahead of the build and waits for its one job; a job
 * sent before its ids were final is followed by their numbering (see Renumbering), which the
 * worker waits for once wink is consolidated.
 */
import { parentPort } from 'node:worker_threads';
import { type Bm25Options, consolidated, type EncodedPassages, extract } from './bm25.js';

interface Job {
  enc: EncodedPassages;
  options: Bm25Options;
  /** Whether the numbering of the postings' terms follows, in a message of its own. */
  renumbered?: boolean;
}

const port = parentPort;
port?.once('message', ({ enc, options, renumbered }: Job) => {
  const progress = (added: number) => port.postMessage({ progress: added });
  const engine = consolidated(enc, options, progress);
  const finish = (order?: Int32Array) => {
    const postings = extract(engine, enc, order);
    progress(enc.titleOffsets.length - 1);
    port.postMessage({ result: postings }, [
      postings.termIds.buffer,
      postings.offsets.buffer,
      postings.ids.buffer,
      postings.weights.buffer,
    ] as ArrayBuffer[]);
  };
  if (renumbered)
    port.once('message', ({ order }: { order: Int32Array | null }) => finish(order ?? undefined));
  else finish();
});
