/** Command-line options and the size presets the design document fixes (S, M, L). */
import { parseArgs } from "node:util";

export type Size = "S" | "M" | "L";
export type Backend = "sqlite" | "postgres";
export const WORKLOADS = ["W1", "W3", "W4", "W5", "W6", "W7", "W8", "W9"] as const;
export type Workload = (typeof WORKLOADS)[number];

export interface SizePreset {
  comments: number;
  interviews: number;
  codes: number;
  /** Codings per feedback comment, and per 100 words of interview. */
  codingsPerComment: number;
  codingsPer100Words: number;
  /** Operations timed for each latency workload. */
  latencyOps: number;
}

/**
 * M and L aim at about 10⁶ codings, where W3 and W4 have their targets; S keeps the same densities
 * the design names (1 per comment, 1 per 100 words) and is a smoke run, not a target check.
 */
export const SIZES: Record<Size, SizePreset> = {
  S: {
    comments: 10_000,
    interviews: 30,
    codes: 30,
    codingsPerComment: 1,
    codingsPer100Words: 1,
    latencyOps: 200,
  },
  M: {
    comments: 100_000,
    interviews: 300,
    codes: 300,
    codingsPerComment: 7,
    codingsPer100Words: 10,
    latencyOps: 300,
  },
  L: {
    comments: 1_200_000,
    interviews: 3_000,
    codes: 3_000,
    codingsPerComment: 0.6,
    codingsPer100Words: 1,
    latencyOps: 300,
  },
};

export interface Options {
  size: Size;
  backends: Backend[];
  only: Workload[];
  runs: number;
  seed: number;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: "string", default: "S" },
      backend: { type: "string", default: "both" },
      only: { type: "string" },
      runs: { type: "string", default: "3" },
      seed: { type: "string", default: "20261121" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      "npm run bench -- [--size S|M|L] [--backend sqlite|postgres|both] [--only W1,W3,W4,W5,W6,W8] [--runs N] [--seed N]",
    );
    process.exit(0);
  }
  const size = values.size.toUpperCase();
  if (size !== "S" && size !== "M" && size !== "L")
    throw new Error(`--size must be S, M or L, not ${values.size}`);
  const backend = values.backend.toLowerCase();
  const backends: Backend[] =
    backend === "both"
      ? ["sqlite", "postgres"]
      : backend === "sqlite" || backend === "postgres"
        ? [backend]
        : [];
  if (backends.length === 0)
    throw new Error(`--backend must be sqlite, postgres or both, not ${values.backend}`);
  const only = values.only
    ? values.only.split(",").map((item) => item.trim().toUpperCase())
    : [...WORKLOADS];
  for (const item of only)
    if (!(WORKLOADS as readonly string[]).includes(item))
      throw new Error(`--only takes ${WORKLOADS.join(", ")}; "${item}" is not one of them`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, not ${values.runs}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);
  return { size, backends, only: only as Workload[], runs, seed };
}
