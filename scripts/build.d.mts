/** Types of scripts/build.mjs, for the TypeScript tests and benches that use it. */
export declare function buildDist(options?: { quiet?: boolean }): Promise<void>;
