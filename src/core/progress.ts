/**
 * Progress of long work (a build or a reload of the index), as plain events: the core says
 * how far it is, whoever called it decides how to show it (a terminal line, a log line, a
 * Discord reply).
 */

export type BuildPhase = 'reading' | 'tokenising' | 'indexing' | 'saving' | 'done';

export interface BuildProgress {
  phase: BuildPhase;
  /** Files ready (parsed and tokenised, or unchanged since the last build) and files in all. */
  files: number;
  filesTotal: number;
  /** Passages known so far (all of them from the indexing phase on). */
  passages: number;
  /** How far the whole work is, 0–100 (never goes back; 100 only when done). */
  percent: number;
  /** Since the work started, in milliseconds. */
  elapsedMs: number;
}

export type ProgressListener = (progress: BuildProgress) => void;

/** At most one event this often, besides a change of phase and the end. */
const EVERY_MS = 100;

/**
 * Turns counts of work done into events: the share of work done is weighed by what each phase
 * costs (bytes tokenised, passages indexed), so the percent moves with time, roughly.
 */
export class ProgressTracker {
  private last: BuildProgress | undefined;
  private lastAt = 0;
  private readonly state: Omit<BuildProgress, 'percent' | 'elapsedMs'> = {
    phase: 'reading',
    files: 0,
    filesTotal: 0,
    passages: 0,
  };
  /** Work in all and done, in bytes tokenised (a passage indexed counts PASSAGE_WORK bytes). */
  private total = 1;
  private done = 0;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly started = performance.now(),
  ) {}

  /** Sets what is known and reports it (now, if `force` or the phase changed, else throttled). */
  update(
    fields: Partial<Omit<BuildProgress, 'percent' | 'elapsedMs'>>,
    work?: { done: number; total: number },
  ): void {
    if (!this.listener) return;
    const phaseChanged = fields.phase !== undefined && fields.phase !== this.state.phase;
    Object.assign(this.state, fields);
    if (work) {
      this.done = work.done;
      this.total = Math.max(1, work.total);
    }
    const now = performance.now();
    const done = this.state.phase === 'done';
    if (!phaseChanged && !done && now - this.lastAt < EVERY_MS) return;
    const share = done ? 100 : Math.min(99, Math.floor((100 * this.done) / this.total));
    const percent = Math.max(this.last?.percent ?? 0, share);
    if (done && this.last?.phase === 'done') return;
    this.lastAt = now;
    this.last = { ...this.state, percent, elapsedMs: Math.round(now - this.started) };
    this.listener(this.last);
  }
}

/** What a passage costs to index, in bytes of tokenising (measured: about the same time). */
export const PASSAGE_WORK = 400;
/** Bytes of a file per passage, roughly, for estimating passages before they are cut. */
export const BYTES_PER_PASSAGE = 450;

/** One line that says how far a build is: `indexing: 812/1,000 files · 98,102 passages · 63% · 4.1 s`. */
export function describeProgress(p: BuildProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${p.phase}: ${n(p.files)}/${n(p.filesTotal)} files · ${n(p.passages)} passages · ${p.percent}% · ${(p.elapsedMs / 1000).toFixed(1)} s`;
}
