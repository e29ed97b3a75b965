/** A worker thread that runs one partition of the index build (see buildPartition). */
import { parentPort, workerData } from 'node:worker_threads';
import { type Bm25Options, buildPartition, type EncodedPassages } from './bm25.js';

interface Job {
  enc: EncodedPassages;
  options: Bm25Options;
  part: number;
  parts: number;
}

const { enc, options, part, parts } = workerData as Job;
const postings = buildPartition(enc, options, part, parts);
parentPort?.postMessage(postings, [
  postings.termIds.buffer,
  postings.offsets.buffer,
  postings.ids.buffer,
  postings.weights.buffer,
] as ArrayBuffer[]);
