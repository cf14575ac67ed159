import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  docxFromBytes,
  FormatError,
  htmlToText,
  pageAt,
  pdfFromBytes,
  readDocx,
  readOdt,
  readPdf,
} from "@quire/formats";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx, buildOdt, buildPdf } from "./fixtures/build.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quire-docs-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("HTML", () => {
  it("keeps readable text, one line per block, and drops scripts and styles", async () => {
    const page = await htmlToText(
      `<html><head><title> A  page </title><style>p{}</style></head><body><script>alert(1)</script><h1>Findings</h1><p>First   para<br>graph &amp; more</p><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table><pre>x  y\nz</pre></body></html>`,
    );
    expect(page.text).toBe("Findings\nFirst para\ngraph & more\none\ntwo\na\tb\nx  y\nz");
    expect(page.title).toBe("A page");
    expect(page.headings).toEqual([{ level: 1, text: "Findings", start: 0, end: 8 }]);
  });
});

describe("DOCX", () => {
  it("reads headings and paragraphs and lists what it left out", async () => {
    const docx = await docxFromBytes(
      buildDocx([
        { text: "Interview 3", heading: 1 },
        { text: "I: How did it start?" },
        { text: "R: With a rash." },
      ]),
      "i3.docx",
    );
    expect(docx.text).toBe("Interview 3\nI: How did it start?\nR: With a rash.");
    expect(docx.headings[0]).toMatchObject({ level: 1, text: "Interview 3" });
    expect(docx.skipped).toEqual([
      "1 image (pictures are not imported)",
      "comments (Word comments are not imported)",
    ]);
  });

  it("refuses a ZIP that is not a Word document, a PDF named .docx and a truncated file", async () => {
    await expect(
      docxFromBytes(zipSync({ "a.txt": new Uint8Array([65]) }), "x.docx"),
    ).rejects.toThrow(/not a Word document/);
    await expect(docxFromBytes(buildPdf([["hi"]]), "x.docx")).rejects.toThrow(
      /x.docx: is not a Word document \(.docx\): it is a PDF/,
    );
    const whole = buildDocx([{ text: "Hello" }]);
    await expect(docxFromBytes(whole.subarray(0, whole.length - 40), "cut.docx")).rejects.toThrow(
      FormatError,
    );
  });

  it("refuses DTDs in parts and zip bombs", async () => {
    const dtd = zipSync({
      "word/document.xml": new TextEncoder().encode(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
      ),
    });
    await expect(docxFromBytes(dtd, "dtd.docx")).rejects.toThrow(/declares a DTD or entities/);
    const bomb = zipSync({ "word/document.xml": new Uint8Array(8 * 1024 * 1024) });
    await expect(docxFromBytes(bomb, "bomb.docx")).rejects.toThrow(/zip bomb/);
  });

  it("names an empty file", async () => {
    const path = join(dir, "empty.docx");
    await writeFile(path, "");
    await expect(readDocx(path, "empty.docx")).rejects.toThrow("empty.docx: is empty (0 bytes)");
  });
});

describe("PDF", () => {
  it("records where each page's text is and lists pages without text", async () => {
    const pdf = await pdfFromBytes(
      buildPdf([["Results", "Theme one"], [], ["Page three"]]),
      "p.pdf",
    );
    expect(pdf.text).toBe("Results\nTheme one\nPage three");
    expect(pdf.emptyPages).toEqual([2]);
    expect(pdf.pages).toEqual([
      { page: 1, start: 0, end: 17 },
      { page: 2, start: 17, end: 17 },
      { page: 3, start: 18, end: 28 },
    ]);
    expect(pageAt(pdf.pages, pdf.text.indexOf("three"))).toBe(3);
  });

  it("refuses a ZIP named .pdf, random bytes and a truncated PDF with a FormatError", async () => {
    await expect(pdfFromBytes(buildDocx([{ text: "x" }]), "x.pdf")).rejects.toThrow(
      /x.pdf: is not a PDF: it is a ZIP archive/,
    );
    await expect(pdfFromBytes(new Uint8Array([1, 2, 3]), "r.pdf")).rejects.toThrow(FormatError);
    const whole = buildPdf([["Hello"]]);
    await expect(pdfFromBytes(whole.subarray(0, 60), "cut.pdf")).rejects.toThrow(/cut.pdf: /);
  });

  it("reads from a file", async () => {
    const path = join(dir, "a.pdf");
    await writeFile(path, buildPdf([["From disk"]]));
    expect((await readPdf(path, "a.pdf")).text).toBe("From disk");
  });
});

describe("ODT", () => {
  it("reads headings and paragraphs, leaving comments and pictures out", async () => {
    const path = join(dir, "notes.odt");
    await writeFile(path, buildOdt());
    const odt = await readOdt(path, "notes.odt");
    expect(odt.text).toBe(
      "Field notes, ward 3\nArrived at 9.  Handover was rushed.\nNurse\tsaid the rota changed.",
    );
    expect(odt.headings[0]).toMatchObject({ level: 1, text: "Field notes, ward 3" });
    expect(odt.skipped).toEqual(["1 image (pictures are not imported)", "1 comment"]);
  });
});
