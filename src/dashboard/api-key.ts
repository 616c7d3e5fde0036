/** The API key of this tab, kept in `sessionStorage` (gone when the tab closes). */
const STORAGE_KEY = "glowback.apiKey";

/** The stored key, or "" (development mode needs none). */
export function readApiKey(): string {
  return sessionStorage.getItem(STORAGE_KEY) ?? "";
}

/** Stores `key` (trimmed); an empty key forgets it. */
export function writeApiKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed === "") sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, trimmed);
}
