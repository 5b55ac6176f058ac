/** How much a release may fold in this Node process: bounded by its heap (--max-old-space-size), see domain/release.ts. */
import { getHeapStatistics } from "node:v8";

import { maxReleaseBytes } from "../domain/release.js";

/** The most memory a release in this process may fold before it stops as "too_large". */
export const nodeReleaseBytes = (): number => maxReleaseBytes(getHeapStatistics().heap_size_limit);
