/**
 * Settings shared by the runtime fuzz suites: a fixed seed and a modest number of runs in CI (the
 * same inputs every time, so a failure reproduces), more runs and a fresh seed behind
 * `npm run fuzz:runtime` (FUZZ_RUNS, FUZZ_SEED=random or a number). The seed is printed on failure.
 */
import fc from "fast-check";

const seedSetting = process.env.FUZZ_SEED;
/** The seed of this run: fixed unless FUZZ_SEED says otherwise. */
export const FUZZ_SEED = seedSetting === "random" ? Date.now() % 2 ** 31 : Number(seedSetting ?? 15_2025);
/** Runs per property. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

fc.configureGlobal({ seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true });
if (seedSetting === "random") console.log(`fuzz seed: ${FUZZ_SEED} (FUZZ_SEED=${FUZZ_SEED} repeats this run)`);

/** Any UTF-16 text, lone surrogates and control characters included. */
export const anyUtf16 = (options: { minLength?: number; maxLength?: number } = {}) =>
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), ...options });

/** Text a token or key plausibly holds: printable ASCII and some Latin-1 and beyond. */
export const secretText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa0, max: 0x24f })).map((code) => String.fromCharCode(code)),
  minLength: 9,
  maxLength: 40,
});
