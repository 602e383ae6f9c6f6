/** Types of scripts/build-info.mjs, for the TypeScript tests and benches that use it. */
export declare const root: string;
export declare const distEntry: string;
export declare const buildInfoPath: string;
export declare function sourceHash(): string;
export declare function readBuildInfo(): { sourceHash: string; builtAt: string; node: string } | null;
export declare function staleness(): string | null;
