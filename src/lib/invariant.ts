/**
 * Invariants the type checker cannot see: an index known to be in range (a matrix whose size was
 * checked, an index taken from the same list), a lookup known to succeed. Each throws a plain Error
 * naming the broken invariant instead of letting `undefined` flow on — and never substitutes a
 * default, which could silently change a computed figure. Pure; safe for the domain.
 */

/** `value`, which must be neither undefined nor null; `what` names the invariant when it is. */
export function defined<T>(value: T, what: string): NonNullable<T> {
  if (value === undefined || value === null) throw new Error(`broken invariant: ${what}`);
  return value;
}

/** The entry of `list` at `index`, which must exist; `what` names the list when it does not. */
export function at<T>(list: ArrayLike<T>, index: number, what = "list"): T {
  const value = list[index];
  if (value === undefined) throw new Error(`broken invariant: ${what} has no entry ${index} (length ${list.length})`);
  return value;
}

/**
 * `at` for typed arrays, as the numeric kernels use them in their inner loops (linear-span.ts,
 * disclosure-audit.ts, stability.ts's resampling): a function that only ever sees typed arrays,
 * and throws elsewhere, is inlined there as fast as plain indexing; `at`, which sees every kind of
 * list, made the disclosure audit's elimination several times slower.
 */
export function entry(vector: Float64Array | Uint8Array, index: number): number {
  const value = vector[index];
  return value === undefined ? outOfRange(vector, index) : value;
}

function outOfRange(vector: Float64Array | Uint8Array, index: number): never {
  throw new Error(`broken invariant: a vector of length ${vector.length} has no entry ${index}`);
}
