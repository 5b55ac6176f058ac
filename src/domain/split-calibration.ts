/**
 * Critical values of the two-camps test, written by scripts/calibrate-split.ts (100,000 simulated
 * groups per entry under an even spread over the grid's points, the least favourable one-peaked
 * population): CRITICAL[p][i] is the statistic's upper 2.5% point for CALIBRATED_POINTS[p] grid
 * points and CALIBRATED_N[i] respondents. Generated: change the script, not the numbers.
 */

/** The false rate each test is held to: the share of one-peaked groups it may call divided. */
export const SPLIT_TAIL = 0.025;

/** Group sizes simulated; between two, the critical value is interpolated on log n, beyond the last it is the last. */
export const CALIBRATED_N = [10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000] as const;

/** Grid sizes simulated: 5 for one item (its answers 1–5), 4J + 1 for the means of a level of J items. */
export const CALIBRATED_POINTS = [5, 9, 13, 17, 21, 25, 29, 33] as const;

export const CRITICAL: readonly (readonly number[])[] = [
  [5.205, 5.885, 6.225, 5.962, 5.232, 5.139, 4.962, 5.017, 4.894, 4.897, 4.78, 4.721, 4.776, 4.679, 4.645],
  [9.763, 9.905, 10.882, 11.09, 11.295, 11.053, 11.117, 10.696, 10.05, 9.907, 9.668, 9.635, 9.548, 9.545, 9.361],
  [9.269, 9.905, 10.259, 10.728, 10.848, 10.974, 10.778, 10.825, 10.331, 9.907, 9.715, 9.727, 9.634, 9.568, 9.404],
  [9.364, 9.979, 10.411, 11.077, 10.875, 10.939, 10.811, 10.243, 9.798, 9.614, 9.529, 9.493, 9.422, 9.311, 9.24],
  [9.414, 9.95, 10.581, 11.015, 11.173, 11.091, 11.075, 10.877, 10.161, 9.929, 9.812, 9.664, 9.587, 9.548, 9.402],
  [9.468, 10.054, 10.549, 11.022, 11.056, 10.879, 10.904, 10.616, 9.903, 9.844, 9.64, 9.555, 9.522, 9.445, 9.386],
  [9.495, 10.01, 10.711, 11.11, 11.33, 11.151, 11.09, 10.85, 10.149, 9.922, 9.768, 9.713, 9.571, 9.471, 9.435],
  [9.471, 9.982, 10.59, 10.964, 11.161, 11.073, 11.008, 10.725, 10.124, 9.852, 9.734, 9.669, 9.517, 9.47, 9.439],
];
