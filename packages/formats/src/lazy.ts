/**
 * The heavy third-party libraries, loaded on first use. Every Quire command imports this package,
 * and loading exceljs, mammoth, docx and the rest at startup cost about 40 MiB of memory and half a
 * second even for commands that never read or write a Word or Excel file (a REFI-QDA import's
 * memory budget counts that baseline too). So no module here imports such a library at its top
 * level: the function that needs one awaits its loader (types come from `import type`), and the
 * loader keeps the module for every later call. `lazy-load.test.ts` checks that importing the
 * package loads none of them.
 */

/** A loader that starts the import on its first call and hands every caller the same promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/** exceljs (CommonJS: its `module.exports` is the default export). */
export const loadExcelJS = once(() => import("exceljs").then((module) => module.default));

/** mammoth (CommonJS: its `module.exports` is the default export). */
export const loadMammoth: () => Promise<typeof import("mammoth")> = once(() =>
  import("mammoth").then((module) => module.default),
);

/** docx, the Word writer. */
export const loadDocx = once(() => import("docx"));

/** saxes, the XML parser ODT's `content.xml` is read with. */
export const loadSaxes = once(() => import("saxes"));

/** csv-parse. */
export const loadCsvParse = once(() => import("csv-parse"));

/** fflate, which reads a ZIP's directory for `checkZip`. */
export const loadFflate = once(() => import("fflate"));

/** htmlparser2 (with domutils as its `DomUtils`). */
export const loadHtmlparser2 = once(() => import("htmlparser2"));

/** domhandler, the node types htmlparser2's documents are made of. */
export const loadDomhandler = once(() => import("domhandler"));
