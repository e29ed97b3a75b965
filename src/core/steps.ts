/**
 * Stepwise work: a long computation written as a generator that yields now and then, run
 * either straight through, or pausing at each yield so a server keeps answering meanwhile.
 */

/** Runs to the end without pausing. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs to the end, letting other work run at every yield. */
export async function runStepsAsync<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
