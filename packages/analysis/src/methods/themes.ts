/**
 * Reflexive thematic analysis (Braun & Clarke; METHODS §1): the rules a theme's status follows,
 * the six phases, the thematic map as a graph of themes, subthemes and codes, and the review grid
 * of sources against themes (RTA-3). Pure: the database gives the rows, these lay them out.
 */

export interface MapTheme {
  id: string;
  parentId: string | null;
  name: string;
  status: string;
  isMisc: boolean;
}

export interface MapCode {
  id: string;
  name: string;
}

export interface MapInput {
  themes: readonly MapTheme[];
  links: readonly { themeId: string; codeId: string }[];
  codes: readonly MapCode[];
  positions: readonly { kind: "theme" | "code"; refId: string; x: number; y: number }[];
  edges: readonly { id: string; from: string; to: string; label: string }[];
}

export interface MapNode {
  /** `theme:<id>` or `code:<id>`. */
  id: string;
  kind: "theme" | "subtheme" | "code";
  refId: string;
  label: string;
  status: string | null;
  isMisc: boolean;
  x: number | null;
  y: number | null;
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  /** `subtheme` and `code` edges follow from the themes; `link` edges were drawn, with a label. */
  kind: "subtheme" | "code" | "link";
  label: string;
}

export interface ThematicMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

/** The node id the map uses for a theme or a code. */
export function mapNodeId(kind: "theme" | "code", refId: string): string {
  return `${kind}:${refId}`;
}

/**
 * The thematic map: every theme and subtheme, every code linked to one, the edges those links
 * imply, and the labelled edges drawn by hand. Codes linked to no theme are not on the map; the
 * review lists them instead. Drawn edges whose ends are gone are left out.
 */
export function buildThematicMap(input: MapInput): ThematicMap {
  const position = new Map(input.positions.map((p) => [mapNodeId(p.kind, p.refId), p]));
  const codeNames = new Map(input.codes.map((code) => [code.id, code.name]));
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const themeIds = new Set(input.themes.map((theme) => theme.id));
  for (const theme of input.themes) {
    const id = mapNodeId("theme", theme.id);
    const at = position.get(id);
    nodes.push({
      id,
      kind: theme.parentId && themeIds.has(theme.parentId) ? "subtheme" : "theme",
      refId: theme.id,
      label: theme.name,
      status: theme.status,
      isMisc: theme.isMisc,
      x: at?.x ?? null,
      y: at?.y ?? null,
    });
    if (theme.parentId && themeIds.has(theme.parentId))
      edges.push({
        id: `subtheme:${theme.id}`,
        from: mapNodeId("theme", theme.parentId),
        to: id,
        kind: "subtheme",
        label: "",
      });
  }
  const placed = new Set<string>();
  for (const link of input.links) {
    const name = codeNames.get(link.codeId);
    if (name === undefined || !themeIds.has(link.themeId)) continue;
    const id = mapNodeId("code", link.codeId);
    if (!placed.has(id)) {
      placed.add(id);
      const at = position.get(id);
      nodes.push({
        id,
        kind: "code",
        refId: link.codeId,
        label: name,
        status: null,
        isMisc: false,
        x: at?.x ?? null,
        y: at?.y ?? null,
      });
    }
    edges.push({
      id: `code:${link.themeId}:${link.codeId}`,
      from: mapNodeId("theme", link.themeId),
      to: id,
      kind: "code",
      label: "",
    });
  }
  const present = new Set(nodes.map((node) => node.id));
  for (const edge of input.edges)
    if (present.has(edge.from) && present.has(edge.to))
      edges.push({ id: edge.id, from: edge.from, to: edge.to, kind: "link", label: edge.label });
  return { nodes, edges };
}

export interface ReviewPassage {
  codingId: string;
  sourceId: string;
  codeId: string;
  start: number;
  end: number;
  text: string;
}

export interface ReviewInput {
  themes: readonly MapTheme[];
  links: readonly { themeId: string; codeId: string }[];
  sources: readonly { id: string; title: string }[];
  codes: readonly MapCode[];
  /** Live passages of the codes linked to themes (others are ignored). */
  passages: readonly ReviewPassage[];
}

export interface ReviewCell {
  themeId: string;
  passages: ReviewPassage[];
}

export interface ThemeReview {
  themes: { id: string; name: string; status: string; sources: number; passages: number }[];
  /** One row per source; `contributes` is false for a source that supports no theme (level 2). */
  rows: { sourceId: string; title: string; contributes: boolean; cells: ReviewCell[] }[];
  /** Codes linked to no live theme (the miscellaneous bin holds codes, so it counts as one). */
  unassignedCodes: MapCode[];
}

/**
 * The review view (RTA-3): for each source and theme, the passages coded with the theme's codes (a
 * subtheme's codes count for its parent too); sources contributing to no theme; codes assigned to
 * no theme. Discarded themes are left out of the grid.
 */
export function buildThemeReview(input: ReviewInput): ThemeReview {
  const themes = input.themes.filter((theme) => theme.status !== "discarded");
  const parentOf = new Map(input.themes.map((theme) => [theme.id, theme.parentId]));
  const themesByCode = new Map<string, Set<string>>();
  for (const link of input.links) {
    const set = themesByCode.get(link.codeId) ?? new Set<string>();
    set.add(link.themeId);
    const parent = parentOf.get(link.themeId);
    if (parent) set.add(parent);
    themesByCode.set(link.codeId, set);
  }
  const cellsBySource = new Map<string, Map<string, ReviewPassage[]>>();
  for (const passage of input.passages) {
    for (const themeId of themesByCode.get(passage.codeId) ?? []) {
      const bySource = cellsBySource.get(passage.sourceId) ?? new Map<string, ReviewPassage[]>();
      const list = bySource.get(themeId) ?? [];
      list.push(passage);
      bySource.set(themeId, list);
      cellsBySource.set(passage.sourceId, bySource);
    }
  }
  const rows = input.sources.map((source) => {
    const bySource = cellsBySource.get(source.id);
    const cells = themes.map((theme) => ({
      themeId: theme.id,
      passages: bySource?.get(theme.id) ?? [],
    }));
    return {
      sourceId: source.id,
      title: source.title,
      contributes: cells.some((cell) => cell.passages.length > 0),
      cells,
    };
  });
  const summary = themes.map((theme, index) => {
    let sources = 0;
    let passages = 0;
    for (const row of rows) {
      const count = row.cells[index]?.passages.length ?? 0;
      if (count > 0) sources++;
      passages += count;
    }
    return { id: theme.id, name: theme.name, status: theme.status, sources, passages };
  });
  // A code only in discarded themes is as unplaced as one never linked.
  const live = new Set(themes.map((theme) => theme.id));
  const linked = new Set(
    input.links.filter((link) => live.has(link.themeId)).map((link) => link.codeId),
  );
  return {
    themes: summary,
    rows,
    unassignedCodes: input.codes.filter((code) => !linked.has(code.id)),
  };
}
