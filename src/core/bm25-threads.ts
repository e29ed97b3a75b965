/**
 * Worker threads of the core: the one that builds the index, started ahead of the build so
 * its start overlaps the tokenising, and any worker module (`bm25-worker`, `encode-worker`)
 * run with jobs sent one at a time, each answered by one result.
 */
import { threadOf, type WorkerName, workerModule } from './worker-module.js';

/** A worker thread started ahead of the index build (its start overlaps the tokenising). */
export interface IndexWorker {
  worker: Promise<CoreWorker>;
  /** Hears how many passages were added. */
  progress: ((added: number) => void) | undefined;
  close(): void;
}

/**
 * Starts the worker that will build the index of about `passages` passages (see buildIndex):
 * it loads while the passages are being made. Close it if it ends up unused.
 */
export function startIndexWorker(passages: number): IndexWorker {
  const indexer: IndexWorker = {
    progress: undefined,
    // wink holds about 3.5 KB per passage: past a million passages that is more than V8's
    // default heap limit (about 4 GB), so the worker's limit grows with the corpus.
    worker: startWorker(
      'bm25-worker',
      {},
      (message) => indexer.progress?.(message as number),
      [],
      Math.max(4096, Math.ceil(passages / 1000) * 6),
    ),
    close: () => {
      indexer.worker.then((w) => w.close()).catch(() => {});
    },
  };
  // A failure to start is the build's to report (see buildIndex), not an unhandled rejection.
  indexer.worker.catch(() => {});
  return indexer;
}

/** A worker thread of the core: jobs sent one at a time, each answered by one result. */
export interface CoreWorker {
  /** The next result (of the job given at start, or of the last one sent). */
  next<T>(): Promise<T>;
  /** Sends a job and waits for its result. */
  request<T>(job: unknown, transferList?: ArrayBuffer[]): Promise<T>;
  /** Sends more for the job under way (its result still comes through request or next). */
  post(message: unknown): void;
  close(): void;
}

/**
 * Starts a worker module of the core (`bm25-worker`, `encode-worker`) on a new thread with
 * `data` as its workerData; its progress messages go to `progress`. A worker that fails or
 * stops fails the result awaited.
 */
export async function startWorker(
  name: WorkerName,
  data: unknown,
  progress?: (message: unknown) => void,
  transferList: ArrayBuffer[] = [],
  heapMb?: number,
): Promise<CoreWorker> {
  // A smaller young generation than V8's default: a build keeps most of what it allocates, and
  // the worker's memory peaks with the build's (at 100k passages, a cold build's peak is 655 MB
  // with 4 MB, 675 MB with 16 MB, in the same time).
  const resourceLimits = {
    maxYoungGenerationSizeMb: 4,
    ...(heapMb ? { maxOldGenerationSizeMb: heapMb } : {}),
  };
  const worker = await threadOf(await workerModule(name), { workerData: data, transferList, resourceLimits });
  let waiting: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | undefined;
  let failure: unknown;
  let closed = false;
  const fail = (error: unknown) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  worker.on('message', (message: { progress?: unknown; result?: unknown }) => {
    if ('progress' in message) progress?.(message.progress);
    else {
      waiting?.resolve(message.result);
      waiting = undefined;
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`seedbot: a worker thread stopped with code ${code}`));
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      if (failure !== undefined) reject(failure);
      else waiting = { resolve: resolve as (value: unknown) => void, reject };
    });
  return {
    next,
    request<T>(job: unknown, list: ArrayBuffer[] = []) {
      const result = next<T>();
      worker.postMessage(job, list);
      return result;
    },
    post(message: unknown) {
      worker.postMessage(message);
    },
    close() {
      closed = true;
      void worker.terminate();
    },
  };
}
