/** Reads pages of a result section (`GET /v1/backtests/{id}/results/{section}?offset=&limit=`). */
import { apiJson } from "./api.ts";
import type { SectionPage } from "./types.ts";

const MAX_PAGE = 5000;

/** One page. */
export function sectionPage<T>(runId: string, section: string, offset: number, limit: number): Promise<SectionPage<T>> {
  return apiJson<SectionPage<T>>(`/v1/backtests/${encodeURIComponent(runId)}/results/${section}?offset=${offset}&limit=${limit}`);
}

/** Every item of the section, page by page. */
export async function wholeSection<T>(runId: string, section: string): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await sectionPage<T>(runId, section, items.length, MAX_PAGE);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}
