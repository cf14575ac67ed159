/** Projects and the method profiles that switch features on and off (METHODS.md, C7). */
import type { ProjectId } from "./ids.js";

export const METHOD_PROFILES = [
  "reflexive_ta",
  "codebook_ta",
  "framework",
  "stc",
  "thematic_synthesis",
  "content_analysis",
] as const;

export type MethodProfile = (typeof METHOD_PROFILES)[number];

export function isMethodProfile(value: string): value is MethodProfile {
  return (METHOD_PROFILES as readonly string[]).includes(value);
}

export interface Project {
  id: ProjectId;
  name: string;
  method: MethodProfile;
  settings: Record<string, unknown>;
  /** Version of `canonicalText` every offset in this project refers to. */
  canonicalTextVersion: number;
  createdAt: string;
}
