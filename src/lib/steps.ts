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

/** `fn` of each of `list`, a step each: under `stepwise`, a long list is mapped between turns. */
export function* mapSteps<T, R>(list: readonly T[], fn: (item: T) => R): Generator<void, R[]> {
  const out: R[] = [];
  for (const item of list) {
    out.push(fn(item));
    yield;
  }
  return out;
}

/** How long the steps run before `between()`: short enough that a waiting request is hardly noticed. */
const SLICE_MS = 8;
/**
 * Steps run at most before `between()` whatever the clock says: on Workers the clock stands still
 * while code runs (it moves only with I/O), so time alone would never let a waiting request in.
 */
const MAX_STEPS = 256;

/**
 * Runs the steps, awaiting `between()` (e.g. a turn of the event loop) once `sliceMs` have passed
 * since the last time: steps may be fine-grained (a pivot of an elimination) without each paying
 * for a turn.
 */
export async function stepwise<T>(
  steps: Generator<void, T>,
  between: () => Promise<void>,
  sliceMs = SLICE_MS,
): Promise<T> {
  let since = performance.now();
  let taken = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (++taken >= MAX_STEPS || performance.now() - since >= sliceMs) {
      await between();
      since = performance.now();
      taken = 0;
    }
  }
}
