/**
 * Independent checks of the committed golden results (not of the engine that produced them):
 * each file's own trades are replayed with plain arithmetic, and the benchmark figures of
 * `buy_and_hold` (benchmark CCC, whose data ends seven weeks before AAA's and BBB's) are
 * recomputed from the CSV on the timestamps both series share. A golden regenerated with
 * `UPDATE_GOLDEN=1` must still pass these.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { BacktestResult } from "../../../src/engine/index.ts";

const EXPECTED = fileURLToPath(new URL("./expected/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../fixtures/csv/", import.meta.url));
const NAMES = ["buy_and_hold", "covered_call", "ma_crossover", "mean_reversion", "momentum", "rsi", "target_weights"];
const YEAR_MS = 365.25 * 86_400_000;

const golden = (name: string) => JSON.parse(readFileSync(`${EXPECTED}${name}.json`, "utf8")) as BacktestResult;
/** Quantities are whole shares or 1e-8 steps: round replayed sums to the finer step. */
const lots = (x: number) => Math.round(x * 1e8) / 1e8;

describe.each(NAMES)("golden %s, replayed from its trades", (name) => {
  const r = golden(name);
  const assigned = new Set(r.order_events.filter((e) => e.event === "submitted" && e.reason?.startsWith("call ")).map((e) => e.order_id));

  it("round_trips = fills after which the position is flat or flipped; win rate over every reducing fill", () => {
    const pos = new Map<string, number>();
    let trips = 0;
    let closing = 0;
    let wins = 0;
    for (const t of r.trades) {
      const before = pos.get(t.symbol) ?? 0;
      const after = lots(before + (t.action === "BUY" ? t.shares : -t.shares));
      pos.set(t.symbol, after);
      if (before !== 0 && (after === 0 || Math.sign(after) !== Math.sign(before))) trips++;
      if (t.realized_pnl !== null) {
        closing++;
        if (t.realized_pnl > 0) wins++;
      }
    }
    expect(r.metrics_summary.round_trips).toBe(trips);
    expect(r.metrics_summary.win_rate).toBe(closing > 0 ? (wins / closing) * 100 : null);
    for (const [symbol, shares] of pos) expect(r.final_positions[symbol]?.shares ?? 0).toBe(shares);
  });

  it("cash after all trades (and option cash flows) is final_cash", () => {
    let cash = r.manifest.replay_request.initial_capital;
    for (const t of r.trades) cash -= (t.action === "BUY" ? t.shares : -t.shares) * t.price + t.commission;
    for (const o of r.option_trades) cash += o.cash_flow;
    expect(cash).toBeCloseTo(r.final_cash, 4);
  });

  it("at each timestamp every market sell fills before any buy", () => {
    const seen = new Map<string, boolean>();
    for (const t of r.trades) {
      if (assigned.has(t.order_id)) continue; // option assignment: at the close, after the opens
      if (t.action === "BUY") seen.set(t.timestamp, true);
      else expect(seen.get(t.timestamp) ?? false, `${t.timestamp} ${t.symbol} sold after a buy`).toBe(false);
    }
  });
});

describe("golden buy_and_hold benchmark figures", () => {
  const r = golden("buy_and_hold");
  const rows = readFileSync(`${FIXTURES}CCC_1d.csv`, "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
  const ccc = new Map(rows.map((c) => [Date.parse(`${c[0].replace(" ", "T")}Z`), Number(c[4])]));
  const capital = r.manifest.replay_request.initial_capital;
  const first = ccc.get(Date.parse(r.equity_curve[0].timestamp))!;

  it("match a naive calculation on the timestamps AAA/BBB and CCC share", () => {
    const shared = r.equity_curve.filter((p) => ccc.has(Date.parse(p.timestamp)));
    expect(shared).toHaveLength(130);
    expect(r.equity_curve).toHaveLength(160);
    const sv = shared.map((p) => p.value);
    const bv = shared.map((p) => (capital * ccc.get(Date.parse(p.timestamp))!) / first);
    const ret = (v: number[]) => v.slice(1).map((x, i) => x / v[i] - 1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cov = (xs: number[], ys: number[]) => xs.reduce((a, x, i) => a + (x - mean(xs)) * (ys[i] - mean(ys)), 0) / (xs.length - 1);
    const rs = ret(sv);
    const rb = ret(bv);
    const active = rs.map((x, i) => x - rb[i]);
    const years = (Date.parse(shared.at(-1)!.timestamp) - Date.parse(shared[0].timestamp)) / YEAR_MS;
    const ppy = rs.length / years;
    const rf = Math.pow(1 + r.manifest.replay_request.risk_free_rate, 1 / ppy) - 1;
    const beta = cov(rs, rb) / cov(rb, rb);
    const cagr = (v: number[]) => (Math.pow(v.at(-1)! / v[0], 1 / years) - 1) * 100;
    const m = r.metrics_summary;
    expect(m.beta).toBeCloseTo(beta, 10);
    expect(m.correlation).toBeCloseTo(cov(rs, rb) / Math.sqrt(cov(rs, rs) * cov(rb, rb)), 10);
    expect(m.alpha).toBeCloseTo((mean(rs) - rf - beta * (mean(rb) - rf)) * ppy * 100, 8);
    expect(m.tracking_error).toBeCloseTo(Math.sqrt(cov(active, active) * ppy) * 100, 8);
    expect(m.information_ratio).toBeCloseTo((mean(active) * ppy) / Math.sqrt(cov(active, active) * ppy), 8);
    expect(m.excess_return).toBeCloseTo(cagr(sv) - cagr(bv), 8);
    expect(r.tearsheet.benchmark).toMatchObject({ beta: m.beta, alpha: m.alpha, correlation: m.correlation, excess_return: m.excess_return });
  });

  it("shows CCC forward-filled after its last bar (2023-06-30) in benchmark_curve", () => {
    expect(r.benchmark_curve).toHaveLength(r.equity_curve.length);
    const last = (capital * ccc.get(Date.UTC(2023, 5, 30))!) / first;
    const after = r.benchmark_curve.filter((p) => p.timestamp > "2023-06-30T00:00:00.000Z");
    expect(after).toHaveLength(30);
    for (const p of after) expect(p.value).toBeCloseTo(last, 6);
  });
});
