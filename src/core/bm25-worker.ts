/**
 * A worker thread that builds the wink index (see buildPostings) of the passages it is sent,
 * reporting passages added. It is started ahead of the build and waits for its one job.
 */
import { parentPort } from 'node:worker_threads';
import { type Bm25Options, buildPostings, type EncodedPassages } from './bm25.js';

const port = parentPort;
port?.once('message', ({ enc, options }: { enc: EncodedPassages; options: Bm25Options }) => {
  const postings = buildPostings(enc, options, (added) => port.postMessage({ progress: added }));
  port.postMessage({ result: postings }, [
    postings.termIds.buffer,
    postings.offsets.buffer,
    postings.ids.buffer,
    postings.weights.buffer,
  ] as ArrayBuffer[]);
});
