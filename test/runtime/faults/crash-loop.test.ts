/**
 * The crash loop of issue 5 §6 in CI: the Node host on one SQLite file is SIGKILLed 5 times at
 * seeded random moments while runs are being created and executed (every second kill aimed at a
 * create in flight), restarted each time, and then everything must finish as if nothing had
 * happened (`npm run crash` does the same 20 times). The seed is random per run and named in
 * every failure message, so a failure can be replayed with `CRASH_SEED`.
 */
import { randomInt } from "node:crypto";
import { expect, it } from "vitest";
import { runCrashLoop } from "../../../bench/crash/crash-loop.ts";

const KILLS = 5;
const seed = process.env.CRASH_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.CRASH_SEED);

it(`the Node host killed ${KILLS} times loses no accepted run (seed ${seed})`, async () => {
  const report = await runCrashLoop({ iterations: KILLS, seed, delayMs: [400, 1500], aimAtCreate: (lifetime) => lifetime % 2 === 1 });
  const at = `seed ${seed}`;
  expect(report.kills.map((k) => k.lifetime), at).toEqual([0, 1, 2, 3, 4]);
  expect(report.kills.map((k) => k.aimedAtCreate), at).toEqual([false, true, false, true, false]);
  expect(report.problems, at).toEqual([]);
  expect(report.refused, at).toEqual([]);
  expect(report.accepted, at).toBeGreaterThanOrEqual(KILLS);
  expect(report.completedWithExpectedHash, at).toBe(report.accepted);
  expect(report.stored, at).toBe(report.accepted + report.storedWithout201);
  // A create cut by the kill either never reached the database or completed like any other run.
  expect(report.storedWithout201, at).toBeLessThanOrEqual(report.createsCut);
  // At least one kill landed while a run was active, and that run resumed where it was stored.
  expect(report.resumedRuns, at).toBeGreaterThanOrEqual(1);
  expect(report.integrity, at).toBe("ok");
}, 90_000);
