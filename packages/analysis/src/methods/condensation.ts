/**
 * Systematic text condensation (Malterud 2012; METHODS §3): the re-reading grid of code groups
 * against sources (STC-3). Condensates themselves, always artificial, are a core entity.
 */

export interface ReadingGridInput {
  codeGroups: readonly { id: string; name: string }[];
  sources: readonly { id: string; title: string }[];
  /** One entry per meaning unit: its code group and its coding's source. */
  units: readonly { codeGroupId: string; sourceId: string }[];
  checks: readonly {
    sourceId: string;
    reread: boolean;
    validated: boolean;
    contradicting: string;
  }[];
}

export interface ReadingGrid {
  codeGroups: { id: string; name: string }[];
  rows: {
    sourceId: string;
    title: string;
    /** Meaning units per code group, in column order. */
    units: number[];
    reread: boolean;
    validated: boolean;
    contradicting: string;
  }[];
}

/** The re-reading grid (STC-3): code groups × sources, with each source's re-reading checklist. */
export function buildReadingGrid(input: ReadingGridInput): ReadingGrid {
  const column = new Map(input.codeGroups.map((group, index) => [group.id, index]));
  const counts = new Map<string, number[]>();
  for (const unit of input.units) {
    const index = column.get(unit.codeGroupId);
    if (index === undefined) continue;
    const row = counts.get(unit.sourceId) ?? input.codeGroups.map(() => 0);
    row[index] = (row[index] ?? 0) + 1;
    counts.set(unit.sourceId, row);
  }
  const checks = new Map(input.checks.map((check) => [check.sourceId, check]));
  return {
    codeGroups: input.codeGroups.map(({ id, name }) => ({ id, name })),
    rows: input.sources.map((source) => {
      const check = checks.get(source.id);
      return {
        sourceId: source.id,
        title: source.title,
        units: counts.get(source.id) ?? input.codeGroups.map(() => 0),
        reread: check?.reread ?? false,
        validated: check?.validated ?? false,
        contradicting: check?.contradicting ?? "",
      };
    }),
  };
}
