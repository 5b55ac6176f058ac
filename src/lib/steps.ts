/**
 * Work done a step at a time: a generator yields between steps and returns its result. Pure code
 * (the disclosure plan, the answered-items trials) is written so; a release runs it with other
 * requests let in between the steps, a test or a script all at once.
 */

/** Runs every step at once and returns the result. */
export function allSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps, awaiting `between()` after each (e.g. a turn of the event loop). */
export async function stepwise<T>(steps: Generator<void, T>, between: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await between();
  }
}
