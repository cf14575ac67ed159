/**
 * The typed HTTP client of the Quire API. Every call sends the coder's name in `X-Quire-Coder`, and
 * every failure becomes an `ApiError` carrying the server's stable error id, so components show one
 * clear sentence instead of a stack trace.
 */
import type {
  AttributeView,
  CaseView,
  CodeNode,
  CodePatch,
  CodingView,
  CooccurrenceRule,
  CooccurrenceView,
  CrosstabView,
  ExportFormat,
  Frequencies,
  HistoryEvent,
  ImportReport,
  MemoView,
  OrphanView,
  ProjectSummary,
  SaturationOptions,
  SaturationView,
  SearchPage,
  Segment,
  SegmentQuery,
  SourceDetailView,
  SourcePage,
  SourceQuery,
  TextEditResult,
} from "./types.js";

/** A failed request: `id` is the server's stable error id (`coding_not_found`) or `network`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let coderName = "";

/** Sets the name every later request is made as. */
export function setRequestCoder(name: string): void {
  coderName = name;
}

function headers(json: boolean): HeadersInit {
  const result: Record<string, string> = { Accept: "application/json" };
  if (json) result["Content-Type"] = "application/json";
  if (coderName) result["X-Quire-Coder"] = encodeURIComponent(coderName);
  return result;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { id?: string; message?: string } };
    return new ApiError(
      response.status,
      body.error?.id ?? `http_${response.status}`,
      body.error?.message ?? response.statusText,
    );
  } catch {
    return new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
}

/** One JSON request; resolves to the parsed body (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, "network", `The Quire server cannot be reached (${String(error)}).`);
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Accepts a bare array or `{ [key]: array }`, so list endpoints may wrap their rows. */
function rows<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}

/** Accepts `{ [key]: object }` or the object itself. */
function one<T>(body: unknown, key: string): T {
  const inner = (body as Record<string, unknown> | null)?.[key];
  return (inner && typeof inner === "object" ? inner : body) as T;
}

const enc = encodeURIComponent;
const project = (key: string) => `/projects/${enc(key)}`;

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

// Projects

export async function listProjects(): Promise<ProjectSummary[]> {
  return rows<ProjectSummary>(await request("GET", "/projects"), "projects");
}
export async function createProject(name: string): Promise<ProjectSummary> {
  return one<ProjectSummary>(await request("POST", "/projects", { name }), "project");
}
export async function renameProject(key: string, name: string): Promise<ProjectSummary> {
  return one<ProjectSummary>(await request("PATCH", project(key), { name }), "project");
}
export async function deleteProject(key: string): Promise<void> {
  await request("DELETE", project(key));
}

// Sources

export async function listSources(key: string, q: SourceQuery): Promise<SourcePage> {
  const body = await request<SourcePage | SourcePage["sources"]>(
    "GET",
    `${project(key)}/sources${query({
      title: q.q,
      kind: q.kind,
      where: q.where,
      sort: q.sort,
      direction: q.order,
      offset: q.offset,
      limit: q.limit,
    })}`,
  );
  const sources = rows<SourcePage["sources"][number]>(body, "sources");
  const total = Array.isArray(body) ? sources.length : (body.total ?? sources.length);
  return { total, sources };
}
export async function getSource(key: string, id: string): Promise<SourceDetailView> {
  return request("GET", `${project(key)}/sources/${enc(id)}`);
}
export async function editSourceText(
  key: string,
  id: string,
  baseRevisionId: string,
  changes: unknown,
): Promise<TextEditResult> {
  return request("PATCH", `${project(key)}/sources/${enc(id)}/text`, { baseRevisionId, changes });
}
export async function deleteSource(key: string, id: string): Promise<void> {
  await request("DELETE", `${project(key)}/sources/${enc(id)}`);
}

/**
 * Uploads files as one multipart import. XMLHttpRequest rather than fetch because only it reports
 * upload progress; the server's own progress arrives as `import-progress` events on the stream.
 */
export function importFiles(
  key: string,
  files: readonly File[],
  onUpload: (fraction: number) => void,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api${project(key)}/imports`);
    xhr.setRequestHeader("Accept", "application/json");
    if (coderName) xhr.setRequestHeader("X-Quire-Coder", encodeURIComponent(coderName));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onUpload(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The upload was interrupted."));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(normaliseReport(body));
      else {
        const error = (body as { error?: { id?: string; message?: string } } | undefined)?.error;
        reject(
          new ApiError(xhr.status, error?.id ?? `http_${xhr.status}`, error?.message ?? "failed"),
        );
      }
    };
    xhr.send(form);
  });
}

function normaliseReport(body: unknown): ImportReport {
  const files = rows<Record<string, unknown>>(body, "files");
  return {
    files: files.map((file) => {
      const error = file.error as string | { message?: string } | undefined;
      return {
        file: String(file.file ?? file.name ?? "file"),
        ok: error === undefined || error === null,
        sources: typeof file.sources === "number" ? file.sources : undefined,
        error: typeof error === "string" ? error : error?.message,
      };
    }),
  };
}

// Codebook

export async function listCodes(key: string): Promise<CodeNode[]> {
  return rows<CodeNode>(await request("GET", `${project(key)}/codes`), "codes");
}
export async function createCode(
  key: string,
  props: { name: string; parentId?: string | null; color?: string },
): Promise<CodeNode> {
  return one<CodeNode>(await request("POST", `${project(key)}/codes`, props), "code");
}
export async function updateCode(key: string, id: string, patch: CodePatch): Promise<CodeNode> {
  return one<CodeNode>(await request("PATCH", `${project(key)}/codes/${enc(id)}`, patch), "code");
}
export async function mergeCodes(key: string, fromId: string, intoId: string): Promise<void> {
  await request("POST", `${project(key)}/codes/${enc(fromId)}/merge`, { targetId: intoId });
}
export async function deleteCode(key: string, id: string): Promise<void> {
  await request("DELETE", `${project(key)}/codes/${enc(id)}`);
}

// Codings

export async function createCoding(
  key: string,
  props: { sourceId: string; codeId: string; start: number; end: number; memo?: string },
): Promise<CodingView> {
  return one<CodingView>(await request("POST", `${project(key)}/codings`, props), "coding");
}
export async function updateCoding(
  key: string,
  id: string,
  patch: { start?: number; end?: number; memo?: string | null },
): Promise<void> {
  await request("PATCH", `${project(key)}/codings/${enc(id)}`, patch);
}
export async function deleteCoding(key: string, id: string): Promise<void> {
  await request("DELETE", `${project(key)}/codings/${enc(id)}`);
}
export async function listOrphans(key: string): Promise<OrphanView[]> {
  return rows<OrphanView>(await request("GET", `${project(key)}/codings/orphans`), "orphans");
}

// Retrieval and search

export async function retrieveSegments(
  key: string,
  q: SegmentQuery,
): Promise<{ total: number; segments: Segment[] }> {
  return request("POST", `${project(key)}/segments`, q);
}
export async function searchProject(
  key: string,
  text: string,
  options: { limit?: number; offset?: number } = {},
): Promise<SearchPage> {
  const body = await request<SearchPage>(
    "GET",
    `${project(key)}/search${query({ q: text, ...options, hitsPerSource: 50 })}`,
  );
  return { total: body.total ?? body.results.length, results: body.results ?? [] };
}
export async function codeSearchHits(
  key: string,
  props: { q: string; codeId: string; hits?: { sourceId: string; start: number; end: number }[] },
): Promise<{ count: number }> {
  const body = await request<{ count?: number; codings?: unknown[] }>(
    "POST",
    `${project(key)}/search/code`,
    props,
  );
  return { count: body?.count ?? body?.codings?.length ?? 0 };
}

// Cases, attributes, memos, history

export async function listCases(key: string): Promise<CaseView[]> {
  return rows<CaseView>(await request("GET", `${project(key)}/cases`), "cases");
}
export async function listAttributes(key: string): Promise<AttributeView[]> {
  return rows<AttributeView>(await request("GET", `${project(key)}/attributes`), "attributes");
}
export async function listMemos(key: string): Promise<MemoView[]> {
  return rows<MemoView>(await request("GET", `${project(key)}/memos`), "memos");
}
export async function createMemo(
  key: string,
  props: Pick<MemoView, "kind" | "title" | "body" | "targetType" | "targetId">,
): Promise<MemoView> {
  return one<MemoView>(await request("POST", `${project(key)}/memos`, props), "memo");
}
export async function updateMemo(
  key: string,
  id: string,
  patch: { title?: string; body?: string },
): Promise<MemoView> {
  return one<MemoView>(await request("PATCH", `${project(key)}/memos/${enc(id)}`, patch), "memo");
}
export async function deleteMemo(key: string, id: string): Promise<void> {
  await request("DELETE", `${project(key)}/memos/${enc(id)}`);
}

export async function undo(key: string): Promise<HistoryEvent> {
  return one<HistoryEvent>(await request("POST", `${project(key)}/history/undo`), "event");
}
export async function redo(key: string): Promise<HistoryEvent> {
  return one<HistoryEvent>(await request("POST", `${project(key)}/history/redo`), "event");
}
export async function listHistory(key: string): Promise<HistoryEvent[]> {
  return rows<HistoryEvent>(
    await request("GET", `${project(key)}/history/events?limit=50`),
    "events",
  );
}

// Exports

export async function listExports(key: string): Promise<ExportFormat[]> {
  return rows<ExportFormat>(await request("GET", `${project(key)}/exports`), "formats");
}

/**
 * The URL that downloads an export. It is followed by the browser (a link with `download`), not
 * fetched, so a large file streams to disk instead of through memory.
 */
export function exportUrl(key: string, format: string, options: { source?: string } = {}): string {
  return `/api${project(key)}/exports/${enc(format)}${query({ source: options.source })}`;
}

/** The URL of the project's server-sent event stream. */
export function eventStreamUrl(key: string): string {
  return `/api${project(key)}/events/stream`;
}

// Analysis views

export async function codeFrequencies(key: string, attribute?: string): Promise<Frequencies> {
  return request("GET", `${project(key)}/analysis/frequencies${query({ attribute })}`);
}
export async function crosstab(
  key: string,
  attribute: string,
  only?: string,
): Promise<CrosstabView> {
  return request("GET", `${project(key)}/analysis/crosstab${query({ attribute, only })}`);
}
export async function cooccurrence(key: string, rule: CooccurrenceRule): Promise<CooccurrenceView> {
  return request("GET", `${project(key)}/analysis/cooccurrence${query({ rule })}`);
}
export async function saturation(key: string, options: SaturationOptions): Promise<SaturationView> {
  return request("GET", `${project(key)}/analysis/saturation${query({ ...options })}`);
}
