/**
 * A heavy command's interim views (its progress) shown while it runs, as throttled edits of its
 * deferred reply. The router starts them for each interaction and closes them before the reply.
 */
import type { Interim, View } from '../../commands/_contract.js';
import { describe, type Logger } from './logger.js';
import type { Incoming } from './transport.js';
import { render } from './views/index.js';

/**
 * A heavy command's interim views (see Interim): the first is shown once the work has run
 * `afterMs`, the next ones at most every `everyMs` (Discord limits edits; nobody reads faster).
 */
export const INTERIM = { afterMs: 2000, everyMs: 2000 };

/**
 * A command's interim views as edits of its deferred reply: throttled (see INTERIM), only once
 * the reply is deferred, one at a time (the latest view wins), none after close().
 */
export function interimEdits(
  incoming: Incoming,
  started: number,
  logger: Logger,
): { interim: Interim; close(): Promise<void> } {
  let closed = false;
  let last = Number.NEGATIVE_INFINITY;
  let sending: Promise<void> | undefined;
  let waiting: View | undefined;
  const flush = () => {
    if (closed || sending || !waiting || !incoming.deferred) return;
    const view = waiting;
    waiting = undefined;
    last = performance.now();
    sending = incoming
      .edit(render(view))
      .then(
        () => {},
        (error: unknown) =>
          logger.warn('could not show progress', { id: incoming.id, error: describe(error) }),
      )
      .finally(() => {
        sending = undefined;
      });
  };
  return {
    interim(view) {
      if (closed || incoming.kind === 'autocomplete') return;
      const now = performance.now();
      if (now - started < INTERIM.afterMs || now - last < INTERIM.everyMs) return;
      waiting = view;
      flush();
    },
    async close() {
      closed = true;
      await sending;
    },
  };
}
