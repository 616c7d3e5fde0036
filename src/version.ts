/** The package version, reported by `/healthz` and in the OpenAPI document. Kept in step with package.json by a test. */
export const PACKAGE_VERSION = "0.1.0";

/** The runtimes GlowBack runs on, as reported by `/healthz`. */
export type RuntimeName = "node" | "deno" | "workerd";
