/**
 * Building an engine from the read seeds folder: each file's unit is taken from the previous
 * build when the file is unchanged, else made (parsed, cut into passages, tokenised); the units
 * are joined; one wink engine computes the BM25 weights on a worker thread.
 *
 * A cold build tokenises on every core: the files are cut into contiguous blocks, which this
 * thread takes from the front and worker threads from the back until they meet; each thread
 * encodes with its own dictionary (local term ids), the dictionaries are merged, and the join
 * puts every id in its first-seen place, so the result is byte for byte a single thread's.
 */
import { availableParallelism } from 'node:os';
import { buildIndex, type CoreWorker, startIndexWorker, startWorker, WORKER_MIN } from './bm25.js';
import { emptySeeds, type ParsedFile, parseFile, type SeedBytes } from './corpus.js';
import { Engine, type EngineOptions, type Prepared } from './engine.js';
import { collectGarbage } from './gc.js';
import {
  type BuildProgress,
  BYTES_PER_PASSAGE,
  PASSAGE_WORK,
  type ProgressListener,
  ProgressTracker,
} from './progress.js';
import { runStepsAsync } from './steps.js';
import { bulk, TermEncoder } from './tokenizer.js';
import {
  type Assembled,
  assemble,
  type Dictionary,
  DictionaryBuilder,
  dictionaryOf,
  type FileUnit,
  type IdMap,
  keptPassages,
  passageFields,
  passagesIn,
  UNIT_COLUMNS,
  unitSteps,
} from './units.js';

/** What a build keeps for the next one: every file's unit, and the dictionary of their ids. */
export interface FileCache {
  units: FileUnit[];
  dictionary: Dictionary;
}

/** Below this many bytes to tokenise, one thread is faster than starting workers. */
export const PARALLEL_MIN = { bytes: 4 * 1024 * 1024 };
/**
 * Blocks of files per tokenising thread (see buildSeeds): the threads end at most a block apart
 * (at 100k passages, 16 blocks ended 50-110 ms apart, 48 blocks 10-50 ms).
 */
const BLOCKS_PER_THREAD = 48;
/**
 * A file this large is parsed in one call that cannot pause: 0.2-0.4 s for the slowest layouts
 * (a paragraph or a question per line). A build that must keep answering (BuildOptions.answering)
 * tokenises on worker threads only when it has one.
 */
export const OFFLOAD_MIN = { bytes: 256 * 1024 };

export interface BuildOptions {
  /** Threads that tokenise (default: one per core). */
  threads?: number;
  /** Hears how far the build is. */
  progress?: ProgressListener;
  /** An earlier build's units: unchanged files (same path, same hash) are not parsed again. */
  previous?: FileCache;
  /** When the work started (performance.now()), for the progress's elapsed time. */
  started?: number;
  /** A tracker already in use (openSeeds reports reading and saving with the same one). */
  tracker?: ProgressTracker;
  /**
   * Tokenising workers started ahead (see startTokenisers): used if the build tokenises on
   * several threads, closed either way.
   */
  tokenisers?: TokeniserWorker[];
  /**
   * This thread answers questions meanwhile (a live reload): a file it would parse in one long
   * call (OFFLOAD_MIN) is left to a worker thread, and so are the others.
   */
  answering?: boolean;
}

/** A tokenising worker thread started ahead of the build (its start overlaps the reading). */
export interface TokeniserWorker {
  worker: Promise<CoreWorker>;
  /** Hears the bytes of each file done. */
  progress: ((bytes: number[]) => void) | undefined;
  close(): void;
}

/**
 * Starts `count` tokenising workers before the files are read, for a build that will surely
 * tokenise on several threads (a cold build of a large corpus): a worker's start (its module,
 * wink-nlp's model) takes 0.3 s on a free core, and 0.6-0.9 s once this thread tokenises beside
 * it, when it would tokenise nothing meanwhile. Close them if they end up unused.
 */
export function startTokenisers(count: number): TokeniserWorker[] {
  return Array.from({ length: count }, () => {
    const tokeniser: TokeniserWorker = {
      progress: undefined,
      worker: startWorker('encode-worker', {}, (m) => tokeniser.progress?.(m as number[])),
      close: () => {
        tokeniser.worker.then((w) => w.close()).catch(() => {});
      },
    };
    // A failure to start is the build's to report, if it uses the worker.
    tokeniser.worker.catch(() => {});
    return tokeniser;
  });
}

/** What a build did, for tests and logs. */
export interface BuildStats {
  /** Files read and parsed now (skipped ones and aliases.txt included), and documents tokenised. */
  parsed: number;
  tokenised: number;
  /** Documents whose unit was reused. */
  reused: number;
  /** Threads that tokenised. */
  threads: number;
  /** Of those, worker threads started while the files were being read (see startTokenisers). */
  early: number;
}

/** One read file, as a worker receives it. */
interface FileJob {
  source: string;
  bytes: Uint8Array;
  hash: string;
  /** In an Obsidian vault (see readSeeds). */
  vault?: true;
}

/** What a file gives: its unit, or why it has none. */
export type ParsedOutcome = Exclude<ParsedFile, { kind: 'document' }> | { kind: 'unit'; unit: FileUnit };

/**
 * Parses and encodes files with an encoder (its dictionary gives the units' ids). `done` hears
 * after each file its bytes.
 */
export function* encodeFiles(
  files: readonly FileJob[],
  encoder: TermEncoder,
  done?: (bytes: number) => void,
): Generator<void, ParsedOutcome[]> {
  const parsed: ParsedOutcome[] = [];
  for (const f of files) {
    const outcome = parseFile(f.source, f.bytes, f.hash, f.vault);
    if (outcome.kind === 'document') {
      parsed.push({ kind: 'unit', unit: yield* unitSteps(outcome.file, f.hash, encoder) });
    } else parsed.push(outcome);
    done?.(f.bytes.length);
    yield;
  }
  return parsed;
}

/** The typed arrays of units (transferred, not copied, from a worker). */
export function transferList(parsed: readonly ParsedOutcome[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const p of parsed) {
    if (p.kind !== 'unit') continue;
    for (const c of UNIT_COLUMNS) out.push(p.unit[c].buffer as ArrayBuffer);
    for (const s of Object.values(p.unit.spans)) out.push(s.buffer as ArrayBuffer);
  }
  return out;
}

/** Cuts files into `parts` contiguous ranges of about the same number of bytes. */
function ranges<T extends { bytes: Uint8Array }>(files: readonly T[], parts: number): T[][] {
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  const out: T[][] = [];
  let current: T[] = [];
  let sum = 0;
  for (const f of files) {
    current.push(f);
    sum += f.bytes.length;
    if (out.length < parts - 1 && sum >= (total * (out.length + 1)) / parts) {
      out.push(current);
      current = [];
    }
  }
  out.push(current);
  return out.filter((r) => r.length > 0);
}

/**
 * Builds an engine from read files. Takes the bytes: `read.files` is emptied once they are
 * parsed, so they are garbage before the index is built. Throws CoreError when no file is a
 * document.
 */
export async function buildSeeds(
  read: SeedBytes,
  options: EngineOptions,
  build: BuildOptions = {},
): Promise<{ engine: Engine; warnings: string[]; stats: BuildStats }> {
  const tracker = build.tracker ?? new ProgressTracker(build.progress, build.started);
  const files = read.files;
  read.files = [];
  const previous = new Map<string, FileUnit>();
  for (const unit of build.previous?.units ?? []) previous.set(unit.document.source, unit);
  const reuse = (f: FileJob) => {
    const unit = previous.get(f.source);
    return unit && unit.key === f.hash ? unit : undefined;
  };
  const todo = files.filter((f) => !reuse(f));
  const parsed = todo.length;
  const todoBytes = todo.reduce((n, f) => n + f.bytes.length, 0);
  const reusedPassages = files.reduce((n, f) => n + (reuse(f) ? passagesIn(reuse(f) as FileUnit) : 0), 0);
  const filesTotal = files.length;
  const reusedFiles = filesTotal - todo.length;
  // Work: bytes to tokenise, then passages to index (estimated until they are cut).
  let passagesGuess = reusedPassages + Math.ceil(todoBytes / BYTES_PER_PASSAGE);
  const work = () => todoBytes + passagesGuess * PASSAGE_WORK;
  tracker.update(
    { phase: 'tokenising', files: reusedFiles, filesTotal, passages: reusedPassages },
    { done: 0, total: work() },
  );

  const threads = Math.max(1, build.threads ?? availableParallelism());
  // Every file on workers, none here, when one would hold this thread too long.
  const offload = build.answering === true && todo.some((f) => f.bytes.length >= OFFLOAD_MIN.bytes);
  const parallel = offload || (todoBytes >= PARALLEL_MIN.bytes && threads > 1);
  // Before a short tokenising (a reload), the index's worker loads meanwhile, so its start is
  // not on the way. Before a long one on every core, it starts once the last block is taken
  // (see `taken`): sooner, it would take a core from the tokenising and hold its memory through
  // the build's peak; later, its start (40-50 ms) would wait for the passages to be joined.
  const indexOnWorker = passagesGuess >= WORKER_MIN.passages;
  let indexer = !parallel && indexOnWorker ? startIndexWorker(2 * passagesGuess) : undefined;
  // The tokenizer's build limits, ended while the index is built (see buildIndex's `meanwhile`):
  // ending them empties its caches and may read wink-nlp's model again, which need not wait.
  const endBulk = bulk(todoBytes);
  let over = false;
  try {
    // Contiguous blocks of files, taken from the front by this thread and from the back by the
    // workers until they meet: however fast each thread turns out to be (a worker starts late,
    // another process takes a core), they finish together.
    const blocks = parallel ? ranges(todo, threads * BLOCKS_PER_THREAD) : [todo];
    const outcomes: ParsedOutcome[][] = new Array(blocks.length);
    const owner = new Int32Array(blocks.length);
    let front = 0;
    let back = blocks.length - 1;
    const taken = () => {
      if (front > back && indexOnWorker && !over) indexer ??= startIndexWorker(2 * passagesGuess);
    };
    let filesDone = 0;
    let bytesDone = 0;
    const fileDone = (bytes: number) => {
      filesDone++;
      bytesDone += bytes;
      tracker.update(
        {
          files: reusedFiles + filesDone,
          passages: reusedPassages + Math.floor(bytesDone / BYTES_PER_PASSAGE),
        },
        { done: bytesDone, total: work() },
      );
    };
    const dictionaries: Dictionary[] = new Array(parallel ? Math.max(threads, 2) : 1);
    const threadsUsed = dictionaries.length - (offload ? 1 : 0);
    let early = 0;
    const here = async () => {
      const encoder = new TermEncoder();
      while (!offload && !over && front <= back) {
        const b = front++;
        taken();
        outcomes[b] = await runStepsAsync(encodeFiles(blocks[b] as FileJob[], encoder, fileDone));
      }
      dictionaries[0] = dictionaryOf(encoder);
    };
    const worker = async (k: number) => {
      const ahead = build.tokenisers?.[k - 1];
      if (ahead) early++;
      const tokeniser = ahead ?? (startTokenisers(1)[0] as TokeniserWorker);
      tokeniser.progress = (done) => {
        for (const bytes of done) fileDone(bytes);
      };
      try {
        const w = await tokeniser.worker;
        while (!over && front <= back) {
          const b = back--;
          taken();
          owner[b] = k;
          const files = (blocks[b] as FileJob[]).map((f) => ({
            source: f.source,
            bytes: f.bytes,
            hash: f.hash,
            ...(f.vault ? { vault: f.vault } : {}),
          }));
          outcomes[b] = await w.request<ParsedOutcome[]>({ files, bytes: todoBytes });
        }
        dictionaries[k] = await w.request<Dictionary>({ finish: true, bytes: todoBytes });
      } finally {
        tokeniser.close();
      }
    };
    // The workers first: this thread's first file would hold their start back.
    await Promise.all([...Array.from({ length: dictionaries.length - 1 }, (_, k) => worker(k + 1)), here()]);

    // One dictionary that extends the previous build's takes in every thread's terms; the new
    // units keep their threads' ids, read through their thread's map (see DictionaryBuilder.map)
    // until the join puts every id in its final place.
    let dictionary: DictionaryBuilder | undefined = new DictionaryBuilder(build.previous?.dictionary);
    const threadMaps = dictionaries.map((d) => dictionary?.map(d));
    const made = new Map<string, { outcome: ParsedOutcome; map: IdMap | undefined }>();
    blocks.forEach((block, b) => {
      block.forEach((f, i) => {
        const outcome = (outcomes[b] as ParsedOutcome[])[i] as ParsedOutcome;
        made.set(f.source, { outcome, map: threadMaps[owner[b] as number] });
      });
    });
    const warnings = [...read.warnings];
    const units: FileUnit[] = [];
    const maps: (IdMap | undefined)[] = [];
    let aliases: string[][] = [];
    for (const f of files) {
      const unit = reuse(f);
      const m = unit ? undefined : made.get(f.source);
      const p: ParsedOutcome = unit ? { kind: 'unit', unit } : (m?.outcome as ParsedOutcome);
      if (p.kind === 'unit') {
        units.push(p.unit);
        maps.push(m?.map);
      } else if (p.kind === 'aliases') {
        aliases = p.aliases;
        warnings.push(...p.warnings);
      } else warnings.push(p.warning);
    }
    if (units.length === 0) throw emptySeeds(read.dir, warnings);
    const tokenised = [...made.values()].filter((m) => m.outcome.kind === 'unit').length;

    // The passages to index, with the merged dictionary's ids: the index's worker starts on
    // them at once, and the join puts every id in its final place meanwhile (see Renumbering).
    const merged = dictionary.dictionary();
    dictionary = undefined;
    dictionaries.length = 0;
    const kept = keptPassages(units);
    const size = kept.keptUnit.length;
    const fields = passageFields(units, kept, maps);
    const onWorker = size >= WORKER_MIN.passages;
    // The bytes, the encoders and the units as they came are garbage once joined: collected
    // while the index's worker adds its first passages, they are not held through the build's
    // largest step (its end), and the collection is not on the way.
    files.length = 0;
    todo.length = 0;
    blocks.length = 0;
    outcomes.length = 0;
    made.clear();
    previous.clear();
    passagesGuess = size;
    tracker.update(
      { phase: 'indexing', files: filesTotal, passages: size },
      { done: todoBytes, total: work() },
    );
    let assembled: Assembled | undefined;
    let prepared: Prepared | undefined;
    const index = await buildIndex(
      { terms: merged.terms, ...fields },
      options,
      (added) => tracker.update({}, { done: todoBytes + added * PASSAGE_WORK, total: work() }),
      onWorker ? (indexer ?? true) : false,
      () => {
        const joined = assemble(units, merged, kept, maps);
        assembled = joined;
        units.length = 0;
        maps.length = 0;
        endBulk();
        // Also after a reload of one file: every file's bytes were read again, and a live bot
        // holds its old engine too (the build's peak: 670-675 MB at 100k instead of 690-698).
        // Built in this thread, a small corpus has little to collect and would wait for it.
        if (todoBytes >= PARALLEL_MIN.bytes || onWorker) collectGarbage();
        prepared = Engine.prepare(joined);
        return { terms: joined.dictionary.terms, order: joined.termIds };
      },
    );
    const engine = Engine.fromAssembled(assembled as Assembled, index, aliases, options, prepared);
    return {
      engine,
      warnings,
      stats: { parsed, tokenised, reused: reusedFiles, threads: threadsUsed, early },
    };
  } finally {
    // Ended, or failed (a worker thread that stopped fails the build at once): no thread goes
    // on tokenising, and none is started after, which would keep the process alive.
    over = true;
    endBulk();
    indexer?.close();
    for (const t of build.tokenisers ?? []) t.close();
  }
}

export type { BuildProgress };
