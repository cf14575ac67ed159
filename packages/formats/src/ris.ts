/**
 * RIS records (reference managers, EndNote, Ovid exports) and the Web of Science tagged format
 * that is often saved with a .ris ending. RIS is loosely specified, so the reader is forgiving in
 * the ways real files need (the rispy and searchbuildR sets): a byte-order mark, blank lines or
 * junk before and between records, empty tags (`XX  -`), values continued on untagged lines —
 * EndNote puts each further keyword, ISSN or note on its own untagged line, so for list tags a
 * continuation line is a new value and for prose tags it joins the text — and a whole record
 * flattened onto one line (as copied from a web page).
 */
import { allOf, type BibRecord, doiOf, firstOf, pushField, yearOf } from "./bibliography.js";
import { FormatError } from "./errors.js";

const RIS_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*))?$/;
/** Tags whose continuation lines are further values rather than more of the same text. */
const RIS_LIST_TAGS = new Set([
  "AU",
  "A1",
  "A2",
  "A3",
  "A4",
  "KW",
  "DE",
  "SN",
  "UR",
  "L1",
  "L2",
  "N1",
  "AD",
]);
/** Every RIS tag, for splitting a record flattened onto one line (only known tags split it). */
const RIS_TAGS =
  "TY ER ID T1 TI T2 T3 CT BT JF JO JA J1 J2 A1 A2 A3 A4 AU ED Y1 Y2 PY DA N1 N2 AB KW DE RP SP EP VL IS CY PB SN AD AV M1 M2 M3 U1 U2 U3 U4 U5 UR L1 L2 L3 L4 DO DI DB DP AN LA ST C1 C2 C3 C4 C5 C6 C7 C8 CA CN ET LB NV OP RI RN SE TA TT".split(
    " ",
  );
const FLAT_RIS = new RegExp(`(?:^|\\s)(${RIS_TAGS.join("|")})\\s{1,2}-(?=\\s|$)`, "g");

/**
 * Parses RIS text into records. Junk outside `TY … ER` is ignored.
 * @throws FormatError naming the file when it holds no record, or the line of a record with no `ER`
 *   that is followed by another `TY` (a damaged file).
 */
export function parseRis(text: string, file: string): BibRecord[] {
  const clean = text.replace(/^\uFEFF/, "");
  const lines = flattenedRecord(clean) ?? clean.split("\n");
  const records: BibRecord[] = [];
  let fields: Record<string, string[]> | null = null;
  let start = 0;
  let last: string | null = null;
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\s+$/, "");
    const tagged = RIS_LINE.exec(line);
    if (tagged) {
      const tag = tagged[1] as string;
      const value = (tagged[2] ?? "").trim();
      if (tag === "TY") {
        if (fields)
          throw new FormatError(
            "ris",
            file,
            "a record starts before the previous one ended (no ER line)",
            {
              line: index + 1,
            },
          );
        fields = {};
        start = index + 1;
      }
      if (!fields) continue;
      if (tag === "ER") {
        records.push(risRecord(fields, start));
        fields = null;
        last = null;
        continue;
      }
      pushField(fields, tag, value);
      last = tag;
      continue;
    }
    if (!fields || last === null || line.trim() === "") continue;
    const list = fields[last] as string[];
    if (RIS_LIST_TAGS.has(last) && list[list.length - 1] !== "")
      list.push(line.trim().replace(/^\*\s*/, ""));
    else list[list.length - 1] = `${list[list.length - 1]} ${line.trim()}`.trim();
  }
  // A last record without ER (truncated export) is still a record.
  if (fields && Object.keys(fields).length > 1) records.push(risRecord(fields, start));
  if (records.length === 0)
    throw new FormatError("ris", file, "holds no RIS record (no line starting TY  - )");
  return records;
}

/** A record written on one line: split it before each known tag. */
function flattenedRecord(text: string): string[] | null {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (lines.length > 3 || !/^\s*TY\s{1,2}-\s/.test(lines[0] ?? "")) return null;
  const joined = lines.join(" ");
  return joined
    .replace(FLAT_RIS, (_match, tag: string) => `\n${tag}  -`)
    .split("\n")
    .filter((line) => line.trim() !== "");
}

function risRecord(fields: Record<string, string[]>, line: number): BibRecord {
  const type = firstOf(fields, "TY");
  const journal =
    type === "JOUR" || type === "JFULL" || type === "MGZN"
      ? firstOf(fields, "T2", "JF", "JO", "JA", "J2", "J1")
      : firstOf(fields, "JF", "JO", "T2", "JA", "J2", "J1", "BT");
  const urls = allOf(fields, "UR")
    .flatMap((value) => value.split(/[\s;]+/))
    .filter(Boolean);
  if (urls.length > 0) fields.UR = urls;
  const database = firstOf(fields, "DB", "DP") ?? "";
  const accession = firstOf(fields, "AN");
  const start = firstOf(fields, "SP");
  const end = firstOf(fields, "EP");
  return {
    line,
    format: "ris",
    type,
    title: firstOf(fields, "TI", "T1", "CT", "ST", "BT"),
    authors: allOf(fields, "AU", "A1"),
    year: yearOf(firstOf(fields, "PY", "Y1", "DA", "Y2")),
    journal,
    doi:
      doiOf(firstOf(fields, "DO", "DI")) ??
      doiOf(firstOf(fields, "M3")) ??
      urls.map(doiOf).find(Boolean) ??
      null,
    keywords: allOf(fields, "KW", "DE").map((keyword) => keyword.replace(/^\*/, "")),
    mesh: [],
    abstract: firstOf(fields, "AB", "N2") ?? "",
    pmid:
      accession && /medline|pubmed|nlm/i.test(database) && /^\d+$/.test(accession)
        ? accession
        : null,
    volume: firstOf(fields, "VL"),
    issue: firstOf(fields, "IS"),
    pages: start && end ? `${start}-${end}` : start,
    fields,
  };
}

const WOS_LINE = /^([A-Z][A-Z0-9]) (.*)$/;
const WOS_LIST_TAGS = new Set(["AU", "AF", "CR", "C1", "RI", "OI", "EM", "BA", "BF", "CA", "GP"]);

/**
 * Parses Web of Science tagged text (`FN`/`VR` header, `PT … ER` records, `EF` end).
 * @throws FormatError naming the file when it holds no record.
 */
export function parseWos(text: string, file: string): BibRecord[] {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const records: BibRecord[] = [];
  let fields: Record<string, string[]> | null = null;
  let start = 0;
  let last: string | null = null;
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\s+$/, "");
    if (line === "ER") {
      if (fields) records.push(wosRecord(fields, start));
      fields = null;
      last = null;
      continue;
    }
    const tagged = WOS_LINE.exec(line);
    if (tagged && !line.startsWith("  ")) {
      const tag = tagged[1] as string;
      if (tag === "FN" || tag === "VR") continue;
      if (tag === "PT" && !fields) {
        fields = {};
        start = index + 1;
      }
      if (!fields) continue;
      pushField(fields, tag, (tagged[2] ?? "").trim());
      last = tag;
      continue;
    }
    if (!fields || last === null || line.trim() === "") continue;
    const list = fields[last] as string[];
    if (WOS_LIST_TAGS.has(last)) list.push(line.trim());
    else list[list.length - 1] = `${list[list.length - 1]} ${line.trim()}`;
  }
  if (records.length === 0) throw new FormatError("wos", file, "holds no Web of Science record");
  return records;
}

function wosRecord(fields: Record<string, string[]>, line: number): BibRecord {
  const split = (tag: string) =>
    allOf(fields, tag)
      .flatMap((value) => value.split(/;\s*/))
      .filter((value) => value !== "");
  const start = firstOf(fields, "BP");
  const end = firstOf(fields, "EP");
  const pmid = firstOf(fields, "PM");
  return {
    line,
    format: "wos",
    type: firstOf(fields, "DT", "PT"),
    title: firstOf(fields, "TI"),
    authors: allOf(fields, "AF").length > 0 ? allOf(fields, "AF") : allOf(fields, "AU"),
    year: yearOf(firstOf(fields, "PY", "PD")),
    journal: firstOf(fields, "SO", "J9", "JI"),
    doi: doiOf(firstOf(fields, "DI")),
    keywords: [...new Set([...split("DE"), ...split("ID")])],
    mesh: [],
    abstract: firstOf(fields, "AB") ?? "",
    pmid: pmid && /^\d+$/.test(pmid) ? pmid : null,
    volume: firstOf(fields, "VL"),
    issue: firstOf(fields, "IS"),
    pages: start && end ? `${start}-${end}` : start,
    fields,
  };
}
