import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Password hashing and real-file databases make some tests slower than the default 5 s on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
