import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/runtime/**", "node_modules/**"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
    ],
  },
});
