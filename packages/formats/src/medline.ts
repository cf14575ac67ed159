/**
 * MEDLINE/PubMed records (the "PubMed format" export, .nbib or .txt): 2–4 character tags padded
 * to column 4 and followed by `- `, values continued on lines indented by spaces, records
 * separated by blank lines (NLM's MEDLINE element descriptions). A record flattened onto one line
 * (copied from a web page) is split before each known tag, including the numeric tags some
 * journals' citation exports add (`4099 - URL`).
 */
import { allOf, type BibRecord, doiOf, firstOf, pushField, yearOf } from "./bibliography.js";
import { FormatError } from "./errors.js";

const LINE = /^([A-Z0-9]{2,4})\s*- ?(.*)$/;
const KNOWN =
  "PMID OWN STAT DCOM LR IS VI IP DP TI PG LID AB FAU AU AD LA PT DEP PL TA JT JID SB MH OT OTO EDAT MHDA CRDT PHST AID PST SO GR CI COIS AUID CN CRF CRI DA DRDT EFR EIN ECF FED FIR FPS GN GS IR IRAD ISBN MID NM OAB OABL OCI ORI PMC PMCR PS RF RIN RN ROF RPF RPI SFM SI SPIN TT UIN UOF VTI BTI CTI ED FED".split(
    " ",
  );
const FLAT = new RegExp(`(?:^|\\s)(${KNOWN.join("|")}|\\d{4})\\s{0,3}-(?=\\s)`, "g");
/** Tags whose values are lists (each occurrence one value). Others join continuation lines. */

/**
 * Parses MEDLINE text into records.
 * @throws FormatError naming the file when it holds no record.
 */
export function parseMedline(text: string, file: string): BibRecord[] {
  const clean = text.replace(/^\uFEFF/, "");
  const lines = flattened(clean) ?? clean.split("\n");
  const records: BibRecord[] = [];
  let fields: Record<string, string[]> | null = null;
  let start = 0;
  let last: string | null = null;
  const close = () => {
    if (fields && Object.keys(fields).length > 0) records.push(medlineRecord(fields, start));
    fields = null;
    last = null;
  };
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      // A blank line ends a record; PubMed writes one between records.
      if (fields && Object.keys(fields).length > 0) close();
      continue;
    }
    const tagged = /^\s/.test(line) ? null : LINE.exec(line);
    if (tagged) {
      const tag = tagged[1] as string;
      if (tag === "PMID" && fields && (fields as Record<string, string[]>).PMID) close();
      if (!fields) {
        fields = {};
        start = index + 1;
      }
      pushField(fields, tag, (tagged[2] ?? "").trim());
      last = tag;
      continue;
    }
    if (!fields || last === null) continue;
    const list = (fields as Record<string, string[]>)[last] as string[];
    list[list.length - 1] = `${list[list.length - 1]} ${line.trim()}`.trim();
  }
  close();
  const real = records.filter((record) => Object.keys(record.fields).length > 1);
  if (real.length === 0)
    throw new FormatError("medline", file, "holds no MEDLINE record (no PMID- or tagged lines)");
  return real;
}

function flattened(text: string): string[] | null {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (lines.length > 3 || LINE.exec(lines[1] ?? "")) return null;
  if (!/^\s*(PT|PMID|TI|AU)\s{0,3}-\s/.test(lines[0] ?? "")) return null;
  return lines
    .join(" ")
    .replace(FLAT, (_match, tag: string) => `\n${tag.padEnd(4)}- `)
    .split("\n")
    .filter((line) => line.trim() !== "");
}

function medlineRecord(fields: Record<string, string[]>, line: number): BibRecord {
  const ids = [...(fields.LID ?? []), ...(fields.AID ?? [])];
  const doi =
    ids
      .filter((value) => /\[doi\]/.test(value))
      .map(doiOf)
      .find(Boolean) ??
    ids.map(doiOf).find(Boolean) ??
    null;
  const full = allOf(fields, "FAU");
  return {
    line,
    format: "medline",
    type: firstOf(fields, "PT"),
    title: firstOf(fields, "TI", "BTI", "VTI"),
    authors: full.length > 0 ? full : allOf(fields, "AU"),
    year: yearOf(firstOf(fields, "DP", "DEP", "EDAT")),
    journal: firstOf(fields, "JT", "TA"),
    doi,
    keywords: allOf(fields, "OT"),
    mesh: allOf(fields, "MH"),
    abstract: firstOf(fields, "AB") ?? "",
    pmid: firstOf(fields, "PMID"),
    volume: firstOf(fields, "VI"),
    issue: firstOf(fields, "IP"),
    pages: firstOf(fields, "PG"),
    fields,
  };
}
