/**
 * A long job run in slices, each in its own invocation: a Durable Object runs a release this way
 * (src/workers/release-object.ts), one slice per alarm, because one Worker invocation has a CPU
 * budget and a 1,000,000-response release needs more. The job takes turns as it goes (as it does on
 * Node, to let other requests in); once a slice has run `budgetMs`, the next turn pauses the job
 * and ends the slice. The job's state stays in memory in between: nothing is written down but what
 * the job itself writes. Pure: the clock is passed in.
 */

type SliceOutcome<T> = { done: false } | { done: true; value: T } | { done: true; error: unknown };

export interface SlicedJob<T> {
  /** Runs the job until its budget is spent (then `done: false`) or it ends. One slice at a time. */
  slice(): Promise<SliceOutcome<T>>;
  /** Slices begun so far. */
  readonly slices: number;
}

/**
 * `job` awaits its `turn()` between pieces of work; `between` is the turn itself (a turn of the
 * event loop) while the slice's budget lasts. A budget of 0 pauses at every turn.
 */
export function slicedJob<T>(
  job: (turn: () => Promise<void>) => Promise<T>,
  { budgetMs, now, between }: { budgetMs: number; now: () => number; between: () => Promise<void> },
): SlicedJob<T> {
  let started: number | null = null;
  let slices = 0;
  let end: ((outcome: SliceOutcome<T>) => void) | null = null;
  let resume: (() => void) | null = null;
  let finished: SliceOutcome<T> | null = null;

  const finish = (outcome: SliceOutcome<T>) => {
    finished = outcome;
    end?.(outcome);
    end = null;
  };
  const turn = (): Promise<void> => {
    if (started !== null && now() - started < budgetMs) return between();
    return new Promise((resolve) => {
      resume = resolve;
      const ending = end;
      end = null;
      ending?.({ done: false });
    });
  };

  return {
    get slices() {
      return slices;
    },
    slice() {
      if (finished) return Promise.resolve(finished);
      if (end) throw new Error("a sliced job runs one slice at a time");
      slices++;
      started = now();
      const outcome = new Promise<SliceOutcome<T>>((resolve) => (end = resolve));
      if (slices === 1)
        job(turn).then(
          (value) => finish({ done: true, value }),
          (error: unknown) => finish({ done: true, error }),
        );
      else {
        const go = resume;
        resume = null;
        go?.();
      }
      return outcome;
    },
  };
}
