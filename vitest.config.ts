import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Type tests (*.test-d.ts) are checked by tsc through vitest, never executed.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.type-tests.json" },
    // Vitest's default (one worker fewer than cores) leaves a two-core machine half idle: many
    // files here mostly wait on child processes (the generator, Prism, a browser, tsc).
    maxWorkers: availableParallelism() + 1,
    // A worker keeps its imported modules for the next file: importing the runtime, Redocly and
    // ts-morph again for every file cost about a seventh of the run's CPU. No test mocks modules or
    // stubs globals, and every spy is restored after its test, so nothing one file does can leak
    // into another through them.
    isolate: false,
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
