/**
 * The heavy third-party libraries, loaded on first use. Every Quire command imports this package,
 * and loading exceljs, mammoth, docx and the rest at startup cost about 40 MiB of memory and half a
 * second even for commands that never read or write a Word or Excel file (a REFI-QDA import's
 * memory budget counts that baseline too). So no module here imports such a library at its top
 * level: the function that needs one awaits its loader (types come from `import type`), and the
 * loader keeps the module for every later call. `lazy-load.test.ts` checks that importing the
 * package loads none of them.
 */

type ExcelJS = typeof import("exceljs");
type Mammoth = typeof import("mammoth");
type Docx = typeof import("docx");
type Saxes = typeof import("saxes");
type CsvParse = typeof import("csv-parse");
type Fflate = typeof import("fflate");
type Htmlparser2 = typeof import("htmlparser2");
type Domhandler = typeof import("domhandler");

let excelJs: Promise<ExcelJS> | undefined;
let mammoth: Promise<Mammoth> | undefined;
let docx: Promise<Docx> | undefined;
let saxes: Promise<Saxes> | undefined;
let csvParse: Promise<CsvParse> | undefined;
let fflate: Promise<Fflate> | undefined;
let htmlparser2: Promise<Htmlparser2> | undefined;
let domhandler: Promise<Domhandler> | undefined;

/** exceljs (CommonJS: its `module.exports` is the default export). */
export function loadExcelJS(): Promise<ExcelJS> {
  excelJs ??= import("exceljs").then((module) => module.default);
  return excelJs;
}

/** mammoth (CommonJS: its `module.exports` is the default export). */
export function loadMammoth(): Promise<Mammoth> {
  mammoth ??= import("mammoth").then((module) => module.default);
  return mammoth;
}

/** docx, the Word writer. */
export function loadDocx(): Promise<Docx> {
  docx ??= import("docx");
  return docx;
}

/** saxes, the XML parser ODT's `content.xml` is read with. */
export function loadSaxes(): Promise<Saxes> {
  saxes ??= import("saxes");
  return saxes;
}

/** csv-parse. */
export function loadCsvParse(): Promise<CsvParse> {
  csvParse ??= import("csv-parse");
  return csvParse;
}

/** fflate, which reads a ZIP's directory for `checkZip`. */
export function loadFflate(): Promise<Fflate> {
  fflate ??= import("fflate");
  return fflate;
}

/** htmlparser2 (with domutils as its `DomUtils`). */
export function loadHtmlparser2(): Promise<Htmlparser2> {
  htmlparser2 ??= import("htmlparser2");
  return htmlparser2;
}

/** domhandler, the node types htmlparser2's documents are made of. */
export function loadDomhandler(): Promise<Domhandler> {
  domhandler ??= import("domhandler");
  return domhandler;
}
