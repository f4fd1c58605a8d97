export declare const stampFile: string;
export declare function buildState(root: string): { stale: boolean; reason: string };
export declare function markBuilt(root: string, startedAt: number): void;
export declare function buildIfStale(root: string): number;
