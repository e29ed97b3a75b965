/**
 * The live corpus: serves one engine, rebuilds it in the background when the seeds folder
 * changes (debounced) or on /reindex, and swaps the new one in at once. A question is always
 * answered by one whole engine, old or new; a reload that fails keeps the old one serving.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { ReloadReport } from '../../commands/_shared.js';
import { type DocumentInfo, type Engine, openSeeds } from '../core/index.js';
import type { Logger } from './logger.js';
import { describe } from './router.js';

/** Edits within this long of each other are one change. */
export const RELOAD_DEBOUNCE_MS = 1000;

export interface LiveOptions {
  seedsDir: string;
  cacheDir: string | null;
  logger: Logger;
  debounceMs?: number;
}

export class LiveEngine {
  private current: Engine;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReloadReport> | undefined;
  private again = false;
  private closed = false;

  constructor(
    engine: Engine,
    private readonly options: LiveOptions,
  ) {
    this.current = engine;
  }

  /** The engine answering now. */
  engine(): Engine {
    return this.current;
  }

  /** Watches the seeds folder; changes trigger a debounced reload. */
  watch(): void {
    try {
      this.watcher = watch(this.options.seedsDir, { recursive: true }, () => this.schedule());
      this.watcher.on('error', (error) =>
        this.options.logger.warn('watching the seeds folder failed', { error: describe(error) }),
      );
    } catch (error) {
      this.options.logger.warn('cannot watch the seeds folder; use /reindex after edits', {
        error: describe(error),
      });
    }
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reload('files changed').catch(() => {});
    }, this.options.debounceMs ?? RELOAD_DEBOUNCE_MS);
    this.timer.unref();
  }

  /**
   * Rebuilds now (or joins the rebuild under way, then runs once more for changes since).
   * Resolves with what changed; rejects, keeping the old engine, when the reload fails.
   */
  reload(reason: string): Promise<ReloadReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.rebuild(reason).finally(() => {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        this.schedule();
      }
    });
    return this.running;
  }

  private async rebuild(reason: string): Promise<ReloadReport> {
    const { logger, seedsDir, cacheDir } = this.options;
    const started = performance.now();
    const before = this.current;
    logger.info('reloading documents', { reason });
    try {
      const opened = await openSeeds(seedsDir, { cacheDir, strict: true });
      const after = opened.engine;
      if (this.closed) throw new Error('stopping');
      this.current = after;
      const report = diff(before, after, performance.now() - started, opened.warnings);
      for (const w of opened.warnings) logger.warn(w);
      logger.info('documents reloaded', {
        reason,
        added: report.added.length,
        removed: report.removed.length,
        changed: report.changed.length,
        paragraphs: report.paragraphs,
        ms: Math.round(report.ms),
      });
      return report;
    } catch (error) {
      logger.error('reload failed; the previous documents are still served', {
        reason,
        error: describe(error).replace(/^CoreError: seedbot: /, ''),
      });
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}

/** What changed between two engines' documents. */
export function diff(before: Engine, after: Engine, ms: number, warnings: string[]): ReloadReport {
  const old = new Map<string, DocumentInfo>(before.documents.map((d) => [d.source, d]));
  const now = new Map<string, DocumentInfo>(after.documents.map((d) => [d.source, d]));
  return {
    added: [...now.keys()].filter((s) => !old.has(s)),
    removed: [...old.keys()].filter((s) => !now.has(s)),
    changed: [...now.values()]
      .filter((d) => old.has(d.source) && old.get(d.source)?.hash !== d.hash)
      .map((d) => d.source),
    documents: after.documents.length,
    paragraphs: after.documents.reduce((n, d) => n + d.paragraphs, 0),
    previousParagraphs: before.documents.reduce((n, d) => n + d.paragraphs, 0),
    passages: after.passageCount,
    ms,
    warnings,
  };
}
