/**
 * Bibliographic exports (SYN-1, SYN-2): RIS (.ris, EndNote and Ovid exports), MEDLINE/PubMed
 * (.nbib) and Web of Science tagged files. Each record becomes a `published_study` source whose
 * text is its abstract (its title when it has none) and a case of kind `study` named by its short
 * citation (`Sibelli et al. 2018`; `…2018b` when two studies would share a name), with authors,
 * year, journal, DOI, PMID, keywords and MeSH headings as typed case attributes. A record already
 * in the project (same citation name) is skipped, so re-importing an updated search adds only the
 * new records.
 *
 * The format is read from the content, not the ending. Plain `.txt` files come here first: a PubMed
 * or RIS export saved as .txt is read as one; with `kind: forum_thread` the text is a forum thread;
 * anything else is handed to the transcript importer.
 */
import { basename } from "node:path";
import type { AttributeType, AttributeValue } from "@quire/core";
import { defineAttribute, findSource, importSources, type SourceInput } from "@quire/db";
import {
  type BibRecord,
  citationLabel,
  FormatError,
  parseMedline,
  parseRis,
  parseWos,
  readTextFile,
  sniffBibliography,
} from "@quire/formats";
import { emptyReport, type FileImporter } from "../importer.js";
import { prepareForumText } from "./forum.js";
import { transcriptImporter } from "./transcript.js";

const ATTRIBUTES: { name: string; type: AttributeType }[] = [
  { name: "authors", type: "text" },
  { name: "year", type: "number" },
  { name: "journal", type: "text" },
  { name: "doi", type: "text" },
  { name: "pmid", type: "text" },
  { name: "keywords", type: "text" },
  { name: "mesh", type: "text" },
  { name: "publication_type", type: "text" },
];

export const bibliographyImporter: FileImporter = {
  format: "bibliography",
  extensions: [".ris", ".nbib", ".medline", ".wos", ".txt", ".text"],
  async prepare(path, options, hooks) {
    const name = options.displayName ?? path;
    const plain = /\.(txt|text)$/i.test(name);
    if (plain && options.kind === "forum_thread") return prepareForumText(path, name, options);
    const text = await readTextFile(path, { name });
    const format = sniffBibliography(text);
    if (format === null) {
      if (plain) return transcriptImporter.prepare(path, options, hooks);
      throw new FormatError(
        "ris",
        name,
        "is neither RIS, MEDLINE nor Web of Science: no record tags (TY  - , PMID- , PT ) found",
      );
    }
    const records =
      format === "ris"
        ? parseRis(text, name)
        : format === "wos"
          ? parseWos(text, name)
          : parseMedline(text, name);
    const labels = uniqueLabels(records);
    return {
      async write(m, hooks) {
        const report = emptyReport(
          name,
          format === "ris" ? "RIS" : format === "wos" ? "Web of Science" : "MEDLINE",
        );
        for (const attribute of ATTRIBUTES)
          await defineAttribute(m, { ...attribute, allowedValues: [] });
        const fresh: SourceInput[] = [];
        let untitled = 0;
        let abstractless = 0;
        const taken = new Set<string>();
        for (const [index, record] of records.entries()) {
          let label = labels[index] as string;
          // A label already used: the same study again (skipped), or another study (next letter).
          for (let suffix = 1; ; suffix++) {
            const existing = taken.has(label)
              ? null
              : await findSource(m.store, m.projectId, label).catch(() => null);
            if (!existing && !taken.has(label)) break;
            if (existing && sameStudy(existing.metadata.citation, record)) {
              label = "";
              break;
            }
            label = `${labels[index]}-${suffix + 1}`;
          }
          if (label === "") {
            report.skipped.push(
              `record at line ${record.line} (${labels[index]}): already in the project`,
            );
            continue;
          }
          taken.add(label);
          if (!record.title) untitled++;
          if (record.abstract === "") abstractless++;
          fresh.push(studySource(record, label, basename(name)));
        }
        if (abstractless > 0)
          report.warnings.push(
            `${abstractless} record${abstractless === 1 ? " has" : "s have"} no abstract; the title is the text`,
          );
        if (untitled > 0)
          report.warnings.push(`${untitled} record${untitled === 1 ? " has" : "s have"} no title`);
        const result = await importSources(m, fresh, {
          onProgress: (done) => hooks.progress?.(name, done, records.length),
        });
        return { ...report, sources: result.sources, cases: result.casesCreated };
      },
    };
  },
};

/** Whether a stored citation and a record are the same study: same DOI, PMID or title. */
function sameStudy(stored: unknown, record: BibRecord): boolean {
  const citation = (stored ?? {}) as {
    doi?: string | null;
    pmid?: string | null;
    title?: string | null;
  };
  const norm = (text: string | null | undefined) =>
    (text ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  if (citation.doi && record.doi) return citation.doi.toLowerCase() === record.doi.toLowerCase();
  if (citation.pmid && record.pmid) return citation.pmid === record.pmid;
  return norm(citation.title) !== "" && norm(citation.title) === norm(record.title);
}

function studySource(record: BibRecord, label: string, file: string): SourceInput {
  const attributes: Record<string, AttributeValue | null> = {
    authors: record.authors.join("; ") || null,
    year: record.year,
    journal: record.journal,
    doi: record.doi,
    pmid: record.pmid,
    keywords: record.keywords.join("; ") || null,
    mesh: record.mesh.join("; ") || null,
    publication_type: record.type,
  };
  return {
    kind: "published_study",
    title: label,
    text: record.abstract !== "" ? record.abstract : (record.title ?? label),
    metadata: {
      file,
      line: record.line,
      format: record.format,
      citation: {
        title: record.title,
        authors: record.authors,
        year: record.year,
        journal: record.journal,
        volume: record.volume,
        issue: record.issue,
        pages: record.pages,
        doi: record.doi,
        pmid: record.pmid,
      },
      fields: record.fields,
    },
    caseName: label,
    caseKind: "study",
    caseAttributes: attributes,
  };
}

/** Citation labels, with `a`, `b`… added where two records of the file would share one. */
function uniqueLabels(records: readonly BibRecord[]): string[] {
  const base = records.map((record) => citationLabel(record));
  const total = new Map<string, number>();
  for (const label of base) total.set(label, (total.get(label) ?? 0) + 1);
  const seen = new Map<string, number>();
  return base.map((label) => {
    if ((total.get(label) ?? 0) < 2) return label;
    const index = seen.get(label) ?? 0;
    seen.set(label, index + 1);
    return `${label}${index < 26 ? String.fromCharCode(97 + index) : `-${index + 1}`}`;
  });
}
