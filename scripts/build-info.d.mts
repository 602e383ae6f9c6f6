/** Types of scripts/build-info.mjs, for the TypeScript tests and benches that use it. */
export declare const root: string;
export declare const distEntry: string;
export declare const buildInfoPath: string;
/** Number, total size and newest change of the bundle's input files. */
export interface InputStamp {
  files: number;
  bytes: number;
  newestMtimeMs: number;
}
export declare function inputStamp(files?: string[]): InputStamp;
export declare function sourceHash(files?: string[]): string;
export declare function readBuildInfo(): {
  sourceHash: string;
  inputs?: InputStamp;
  builtAt: string;
  node: string;
} | null;
export declare function staleness(): string | null;
