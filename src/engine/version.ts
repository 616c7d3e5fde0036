/** Version of the engine, reported in every manifest. Bump when results of a request may change. */
export const ENGINE_VERSION = "0.1.0";

/** Name of the engine, reported in every manifest. */
export const ENGINE_NAME = "glowback-engine" as const;
