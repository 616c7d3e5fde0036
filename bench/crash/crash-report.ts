/** Prints a crash-loop report with PASS/FAIL per target. */
import type { CrashReport } from "./crash-loop.ts";

/** Prints `report`; returns whether every target passed. */
export function printCrashReport(report: CrashReport, iterations: number): boolean {
  const duringCreate = report.kills.filter((k) => k.createsInFlight > 0).length;
  const starts = report.kills.map((k) => k.startMs).sort((a, b) => a - b);
  console.log(`\nseed ${report.seed}: ${report.kills.length} kills (${duringCreate} during a create, ${report.createsCut} create(s) cut), ${report.accepted} runs accepted, ${report.stored} stored (${report.storedWithout201} without a 201 seen)`);
  console.log(`${report.resumedRuns} runs resumed after a kill (${report.resumes} resumes), ${report.events} events checked, server start median ${starts[Math.floor(starts.length / 2)]?.toFixed(0)} ms, total ${(report.totalMs / 1000).toFixed(1)} s`);
  const targets: Array<[string, boolean]> = [
    [`${iterations} kills and restarts`, report.kills.length === iterations],
    ["every accepted run completed with its clean content_hash", report.completedWithExpectedHash === report.accepted && report.accepted > 0],
    ["every stored run: ids 1..N, one terminal state, monotone progress", report.problems.length === 0],
    ["no create refused (non-201)", report.refused.length === 0],
    ["PRAGMA integrity_check = ok", report.integrity === "ok"],
  ];
  for (const problem of report.problems.slice(0, 20)) console.log(`  problem: ${problem}`);
  if (report.refused.length > 0) console.log(`  refused: ${report.refused.join(", ")}`);
  for (const [name, ok] of targets) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
  return targets.every(([, ok]) => ok);
}
