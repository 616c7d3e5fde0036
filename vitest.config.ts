import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** A fixed key for the workerd suite; it exists only inside the test isolate. */
const WORKER_TEST_API_KEY = "worker-suite-key-0f3a9c";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          // test/runtime/local holds fast in-process suites of host code (the trial pool); the
          // other test/runtime folders belong to the host projects below.
          exclude: ["test/runtime/!(local)/**", "test/browser/**", "node_modules/**"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // High rate limits over a day so suites are never throttled and refill is slow enough for
          // rate-limit.test.ts to drain a bucket and see the refusal.
          miniflare: {
            bindings: {
              GLOWBACK_API_KEY: WORKER_TEST_API_KEY,
              GLOWBACK_RATE_LIMIT: "100000",
              GLOWBACK_AUTH_FAILURE_LIMIT: "100000",
              GLOWBACK_RATE_WINDOW: "86400",
            },
          },
          }),
        ],
        test: {
          name: "workers",
          setupFiles: ["test/runtime/worker/quiet-console.ts"],
          include: ["test/runtime/worker/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "hosts",
          include: ["test/runtime/hosts/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "faults",
          include: ["test/runtime/faults/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
