/** The codebook: a tree of codes with colours and structured descriptions. */
import { QuireError } from "./control.js";
import type { CodeId, ProjectId } from "./ids.js";

export interface CodeDescription {
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
}

export type CodeOrigin = "a_priori" | "inductive";

export interface Code {
  id: CodeId;
  projectId: ProjectId;
  parentId: CodeId | null;
  name: string;
  /** `#rrggbb`, lower case. */
  color: string;
  description: CodeDescription;
  origin: CodeOrigin;
  createdBy: string;
  createdAt: string;
}

const HEX_COLOR = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

/**
 * Normalises a colour to `#rrggbb` lower case.
 * @throws QuireError `invalid_input` for anything but `#rgb` or `#rrggbb`.
 */
export function normalizeColor(color: string): string {
  const text = color.trim();
  if (!HEX_COLOR.test(text))
    throw new QuireError("invalid_input", `"${color}" is not a colour; write it as #rrggbb`);
  const hex = text.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join("")}` : `#${hex}`;
}

/**
 * Checks a code name: trimmed, non-empty, at most 200 characters, no `/` (which separates path
 * segments when codes are named by path).
 * @throws QuireError `invalid_input`
 */
export function validateCodeName(name: string): string {
  const trimmed = name.trim().normalize("NFC");
  if (trimmed === "") throw new QuireError("invalid_input", "a code needs a name");
  if (trimmed.length > 200)
    throw new QuireError(
      "invalid_input",
      `code name is longer than 200 characters: "${trimmed.slice(0, 40)}…"`,
    );
  if (trimmed.includes("/"))
    throw new QuireError("invalid_input", `a code name cannot contain "/": "${trimmed}"`);
  return trimmed;
}

/** Twelve colours from ColorBrewer's Dark2 and Set1, distinguishable as highlights and stripes. */
export const CODE_PALETTE = [
  "#1b9e77",
  "#d95f02",
  "#7570b3",
  "#e7298a",
  "#66a61e",
  "#e6ab02",
  "#a6761d",
  "#377eb8",
  "#e41a1c",
  "#984ea3",
  "#ff7f00",
  "#4daf4a",
] as const;

/** The palette colour for the n-th code, cycling. */
export function paletteColor(n: number): string {
  return CODE_PALETTE[
    ((n % CODE_PALETTE.length) + CODE_PALETTE.length) % CODE_PALETTE.length
  ] as string;
}

/**
 * The path of each code from the root, joined with " / " (e.g. "Reaching a diagnosis / Last resort").
 * Codes whose parent is missing are treated as roots.
 */
export function codePaths(
  codes: readonly Pick<Code, "id" | "parentId" | "name">[],
): Map<CodeId, string> {
  const byId = new Map(codes.map((code) => [code.id, code]));
  const paths = new Map<CodeId, string>();
  const pathOf = (code: Pick<Code, "id" | "parentId" | "name">, depth: number): string => {
    const known = paths.get(code.id);
    if (known !== undefined) return known;
    const parent = code.parentId ? byId.get(code.parentId) : undefined;
    // depth guards against a cycle in corrupt data; a cycle is cut where it closes.
    const path =
      parent && depth < codes.length ? `${pathOf(parent, depth + 1)} / ${code.name}` : code.name;
    paths.set(code.id, path);
    return path;
  };
  for (const code of codes) pathOf(code, 0);
  return paths;
}
