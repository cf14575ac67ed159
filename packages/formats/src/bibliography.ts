/**
 * Bibliographic records (RIS, MEDLINE/PubMed, Web of Science) in one shape, for importing
 * published studies (SYN-1): each record becomes a `published_study` source whose text is its
 * abstract and a case of kind `study` carrying the citation as attributes. The parsers keep every
 * tag they read in `fields`, so nothing a record held is lost even when it has no attribute.
 */

export type BibliographyFormat = "ris" | "medline" | "wos";

export interface BibRecord {
  /** 1-based line where the record starts in the file. */
  line: number;
  format: BibliographyFormat;
  /** Publication type: RIS `TY`, MEDLINE `PT`, WoS `PT`/`DT`. */
  type: string | null;
  title: string | null;
  /** In the order given; full names where the format has them (MEDLINE `FAU`, WoS `AF`). */
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  /** Author keywords (RIS `KW`/`DE`, MEDLINE `OT`, WoS `DE`/`ID`). */
  keywords: string[];
  /** MeSH headings (MEDLINE `MH`). */
  mesh: string[];
  /** The abstract, or "" when the record has none. */
  abstract: string;
  /** PubMed id, where the record carries one (MEDLINE `PMID`, RIS `AN` of a MEDLINE record). */
  pmid: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  /** Every tag as read, values in order. */
  fields: Record<string, string[]>;
}

/** Which bibliographic format a text is, or null. Looks at the tags, not the file name. */
export function sniffBibliography(text: string): BibliographyFormat | null {
  const head = text.replace(/^\uFEFF/, "").slice(0, 64 * 1024);
  if (/^FN [^\n]*\n(VR [^\n]*\n)?/.test(head.trimStart()) && /^PT [A-Z]\s*$/m.test(head))
    return "wos";
  if (/^PMID- ?\d/m.test(head) || /^PT {1,2}- /.test(head.trimStart())) return "medline";
  if (/^TY {1,2}- ?\S/m.test(head)) return "ris";
  return null;
}

/** Adds a value to a record's raw fields. */
export function pushField(fields: Record<string, string[]>, tag: string, value: string): void {
  const list = fields[tag];
  if (list) list.push(value);
  else fields[tag] = [value];
}

/** The first non-empty value of the first tag that has one. */
export function firstOf(fields: Record<string, string[]>, ...tags: string[]): string | null {
  for (const tag of tags)
    for (const value of fields[tag] ?? []) if (value.trim() !== "") return value.trim();
  return null;
}

/** Every non-empty value of the tags, in tag order, without repeats. */
export function allOf(fields: Record<string, string[]>, ...tags: string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags)
    for (const value of fields[tag] ?? []) {
      const clean = value.trim();
      if (clean !== "") seen.add(clean);
    }
  return [...seen];
}

/** The first plausible year (1000–2999) in a date field such as `2014//`, `2018 Sep 01`. */
export function yearOf(value: string | null): number | null {
  const match = value ? /\b([12]\d{3})\b/.exec(value) : null;
  return match ? Number(match[1]) : null;
}

/** A DOI from a value that holds one (`10.3399/x [doi]`, `https://doi.org/10.…`), or null. */
export function doiOf(value: string | null | undefined): string | null {
  const match = value ? /\b(10\.\d{4,9}\/[^\s"<>]+)/.exec(value) : null;
  return match ? (match[1] as string).replace(/[.,;]$/, "") : null;
}

/**
 * A short label naming a study in the usual way: `Sibelli et al. 2018`, `Gill & Bailey 2022`,
 * `Kapp 2023`; the title's first words when there is no author.
 */
export function citationLabel(record: Pick<BibRecord, "authors" | "year" | "title">): string {
  const surname = (author: string) => {
    const trimmed = author.trim();
    if (trimmed.includes(",")) return (trimmed.split(",")[0] as string).trim();
    // "Alice Sibelli" → Sibelli; MEDLINE "Sibelli A" → Sibelli.
    const parts = trimmed.split(/\s+/);
    const last = parts[parts.length - 1] ?? trimmed;
    return parts.length > 1 && /^[A-Z]{1,3}$/.test(last) ? (parts[0] as string) : last;
  };
  const names = record.authors.map(surname).filter((name) => name !== "");
  const who =
    names.length === 0
      ? (record.title ?? "Untitled").split(/\s+/).slice(0, 6).join(" ")
      : names.length === 1
        ? (names[0] as string)
        : names.length === 2
          ? `${names[0]} & ${names[1]}`
          : `${names[0]} et al.`;
  return record.year === null ? who : `${who} ${record.year}`;
}
