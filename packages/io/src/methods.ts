/**
 * The methods' views, assembled once for every app: the stored rows from `@quire/db` laid out by
 * `@quire/analysis` — the thematic map and review, the charting matrix, the re-reading grid, and
 * agreement between coders streamed source by source.
 */
import {
  assertAgreementAllowed,
  buildChartMatrix,
  buildReadingGrid,
  buildThematicMap,
  buildThemeReview,
  type ChartMatrix,
  type CodingAgreementReport,
  type CodingMeasure,
  createCodingAgreement,
  disagreementStretches,
  type MatrixOptions,
  type ReadingGrid,
  type SideBySide,
  type ThematicMap,
  type ThemeReview,
} from "@quire/analysis";
import { type Project, QuireError } from "@quire/core";
import {
  casePassages,
  codedPassages,
  getFramework,
  getStcOutline,
  listCases,
  listChartCells,
  listCodes,
  listReadingChecks,
  listSources,
  readMapState,
  type Store,
  streamCoderSpans,
} from "@quire/db";

/** The thematic map as it is now: themes, subthemes, their codes, positions and drawn edges. */
export async function loadThematicMap(store: Store, projectId: string): Promise<ThematicMap> {
  const state = await readMapState(store, projectId);
  const codes = await listCodes(store, projectId);
  return buildThematicMap({
    themes: state.themes,
    links: state.themes.flatMap((theme) =>
      theme.codeIds.map((codeId) => ({ themeId: theme.id, codeId })),
    ),
    codes: codes.map((code) => ({ id: code.id, name: code.name })),
    positions: state.positions,
    edges: state.edges,
  });
}

/** The review (RTA-3): sources × themes with passages, non-contributing sources, unplaced codes. */
export async function loadThemeReview(store: Store, projectId: string): Promise<ThemeReview> {
  const state = await readMapState(store, projectId);
  const links = state.themes.flatMap((theme) =>
    theme.codeIds.map((codeId) => ({ themeId: theme.id, codeId })),
  );
  const codes = await listCodes(store, projectId);
  const sources = await listSources(store, projectId, { limit: 100_000 });
  return buildThemeReview({
    themes: state.themes,
    links,
    codes: codes.map((code) => ({ id: code.id, name: code.name })),
    sources: sources.map((source) => ({ id: source.id, title: source.title })),
    passages: await codedPassages(store, projectId, [...new Set(links.map((link) => link.codeId))]),
  });
}

/**
 * The charting matrix: cases × framework codes grouped by category.
 * @throws QuireError `invalid_input` when the project has no framework yet.
 */
export async function loadChartMatrix(
  store: Store,
  projectId: string,
  options: MatrixOptions = {},
): Promise<ChartMatrix> {
  const framework = await getFramework(store, projectId);
  if (!framework)
    throw new QuireError("invalid_input", "the project has no framework yet; add a category first");
  const categories = framework.categories.map((category) => ({
    id: category.id,
    name: category.name,
    codes: category.codes.map((code) => ({
      codeId: code.codeId,
      name: code.name,
      abbreviation: code.abbreviation,
      isOther: code.isOther,
    })),
  }));
  const codeIds = categories.flatMap((category) => category.codes.map((code) => code.codeId));
  const cases = await listCases(store, projectId, { limit: 100_000 });
  return buildChartMatrix(
    categories,
    cases.map((c) => ({ id: c.id, name: c.name, attributes: c.attributes })),
    await listChartCells(store, projectId),
    await casePassages(store, projectId, codeIds),
    options,
  );
}

/** The STC re-reading grid: code groups × sources, with each source's checklist. */
export async function loadReadingGrid(store: Store, projectId: string): Promise<ReadingGrid> {
  const outline = await getStcOutline(store, projectId);
  const sources = await listSources(store, projectId, { limit: 100_000 });
  const units = outline.codeGroups.flatMap((group) => [
    ...group.unsorted,
    ...group.subgroups.flatMap((subgroup) => subgroup.units),
  ]);
  return buildReadingGrid({
    codeGroups: outline.codeGroups,
    sources: sources.map((source) => ({ id: source.id, title: source.title })),
    units,
    checks: await listReadingChecks(store, projectId),
  });
}

export interface AgreementRequest {
  coders: readonly string[];
  sourceIds?: readonly string[];
  codeIds?: readonly string[];
  measures?: readonly CodingMeasure[];
}

/**
 * Agreement between coders over the project's codings, per code, per source and overall. Sources
 * stream in one at a time; only the codebook and framework profiles compute it (RTA-5).
 * @throws QuireError `invalid_input` in other profiles, for fewer than two coders, or a measure
 *   that does not fit the number of coders.
 */
export async function computeCoderAgreement(
  store: Store,
  project: Project,
  request: AgreementRequest,
): Promise<CodingAgreementReport> {
  assertAgreementAllowed(project.method);
  const codeIds = request.codeIds ?? (await listCodes(store, project.id)).map((code) => code.id);
  const accumulator = createCodingAgreement({
    coders: request.coders,
    codeIds,
    ...(request.measures ? { measures: request.measures } : {}),
  });
  for await (const source of streamCoderSpans(store, project.id, {
    coders: request.coders,
    codeIds,
    ...(request.sourceIds ? { sourceIds: request.sourceIds } : {}),
  }))
    accumulator.addSource(source.sourceId, source.length, source.spans);
  return accumulator.result();
}

/** A source where coders differ on a code, and in how many stretches. */
export interface DisagreementSource {
  sourceId: string;
  title: string;
  disagreements: number;
}

/**
 * The sources, in collection order, where the coders differ on `codeId`: what the side-by-side
 * view steps through, found in one pass instead of asking source by source.
 * @throws QuireError `invalid_input` outside the codebook and framework profiles.
 */
export async function listDisagreementSources(
  store: Store,
  project: Project,
  props: { codeId: string; coders: readonly string[]; sourceIds?: readonly string[] },
): Promise<DisagreementSource[]> {
  assertAgreementAllowed(project.method);
  const found: DisagreementSource[] = [];
  for await (const source of streamCoderSpans(store, project.id, {
    coders: props.coders,
    codeIds: [props.codeId],
    ...(props.sourceIds ? { sourceIds: props.sourceIds } : {}),
  })) {
    if (source.spans.length === 0) continue;
    const { disagreements } = disagreementStretches(
      source.sourceId,
      props.codeId,
      source.text,
      props.coders,
      source.spans,
    );
    if (disagreements.length > 0)
      found.push({
        sourceId: source.sourceId,
        title: source.title,
        disagreements: disagreements.length,
      });
  }
  return found;
}

/**
 * The side-by-side view of one source and one code: each coder's ranges and where they differ.
 * @throws QuireError `invalid_input` outside the codebook and framework profiles, `not_found` for
 *   an unknown source.
 */
export async function loadDisagreements(
  store: Store,
  project: Project,
  props: { sourceId: string; codeId: string; coders: readonly string[] },
): Promise<SideBySide & { title: string }> {
  assertAgreementAllowed(project.method);
  for await (const source of streamCoderSpans(store, project.id, {
    coders: props.coders,
    sourceIds: [props.sourceId],
    codeIds: [props.codeId],
  }))
    return {
      title: source.title,
      ...disagreementStretches(
        source.sourceId,
        props.codeId,
        source.text,
        props.coders,
        source.spans,
      ),
    };
  throw new QuireError("not_found", `no source with id ${props.sourceId}`);
}
