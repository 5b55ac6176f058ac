/**
 * npm run calibrate: simulates the two-camps test's null distribution (src/domain/split-null.ts)
 * for every group size and grid in the table, and writes its critical values to
 * src/domain/split-calibration.ts. Seeded: a rerun writes the same file.
 */
import { writeFileSync } from "node:fs";

import { seededRandom } from "../src/domain/seeded-random.js";
import { CALIBRATED_N, CALIBRATED_POINTS, SPLIT_TAIL } from "../src/domain/split-calibration.js";
import { nullQuantile } from "../src/domain/split-null.js";

const RUNS = Number(process.env.RUNS ?? 100_000);
const random = seededRandom("split calibration");
const rows = CALIBRATED_POINTS.map((points) => {
  // Rounded up: a value rounded down could fall below a point many simulated groups share.
  const values = CALIBRATED_N.map((n) =>
    (Math.ceil(nullQuantile(n, points, SPLIT_TAIL, RUNS, random) * 1000) / 1000).toFixed(3),
  );
  process.stdout.write(`${points} points: ${values.join(" ")}\n`);
  return `  [${values.join(", ")}],`;
});

const file = new URL("../src/domain/split-calibration.ts", import.meta.url);
const source = `/**
 * Critical values of the two-camps test, written by scripts/calibrate-split.ts (${RUNS.toLocaleString("en")} simulated
 * groups per entry under an even spread over the grid's points, the least favourable one-peaked
 * population): CRITICAL[p][i] is the statistic's upper ${SPLIT_TAIL * 100}% point for CALIBRATED_POINTS[p] grid
 * points and CALIBRATED_N[i] respondents. Generated: change the script, not the numbers.
 */

/** The false rate each test is held to: the share of one-peaked groups it may call divided. */
export const SPLIT_TAIL = ${SPLIT_TAIL};

/** Group sizes simulated; between two, the critical value is the larger of theirs, beyond the last it is the last. */
export const CALIBRATED_N = [${CALIBRATED_N.join(", ")}] as const;

/** Grid sizes simulated: 5 for one item (its answers 1–5), 4J + 1 for the means of a level of J items. */
export const CALIBRATED_POINTS = [${CALIBRATED_POINTS.join(", ")}] as const;

export const CRITICAL: readonly (readonly number[])[] = [
${rows.join("\n")}
];
`;
writeFileSync(file, source);
