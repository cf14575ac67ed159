/**
 * Hostile input for every new parser: random bytes and mutated real files must end in a
 * FormatError (or core's QuireError) naming the file — never another error, never a hang.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QuireError } from "@quire/core";
import {
  buildThread,
  cuesToTranscript,
  docxFromBytes,
  FormatError,
  htmlToText,
  inspectXlsx,
  parseForumHtml,
  parseForumText,
  parseMedline,
  parseRis,
  parseSubtitleCues,
  parseWos,
  pdfFromBytes,
  readOdt,
} from "@quire/formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx, buildOdt, buildPdf, buildXlsx, SRT, VTT } from "./fixtures/build.js";

// Pinned seed: a failure reproduces exactly; keep a failing case as a named unit test.
const SEED = 20261122;
const RUNS = 40;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quire-fuzz-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function onlyOurErrors(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof FormatError || error instanceof QuireError)) throw error;
  }
}

/** Flips, cuts or splices bytes of a real file. */
const mutated = (original: Uint8Array) =>
  fc
    .record({
      cut: fc.integer({ min: 0, max: original.length }),
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
        maxLength: 12,
      }),
    })
    .map(({ cut, flips }) => {
      const bytes = original.slice(0, Math.max(1, cut));
      for (const flip of flips) bytes[flip.at % bytes.length] = flip.value;
      return bytes;
    });

describe("binary documents", () => {
  it("DOCX: random and mutated files throw only FormatError", async () => {
    const real = buildDocx([{ text: "I: Hello", heading: 1 }, { text: "R: Hi" }]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated(real), fc.uint8Array({ minLength: 1, maxLength: 300 })),
        (bytes) => onlyOurErrors(() => docxFromBytes(bytes, "f.docx")),
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);

  it("PDF: random and mutated files throw only FormatError", async () => {
    const real = buildPdf([["Hello"], [], ["Page 3"]]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated(real), fc.uint8Array({ minLength: 1, maxLength: 300 })),
        (bytes) => onlyOurErrors(() => pdfFromBytes(bytes, "f.pdf")),
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);

  it("XLSX and ODT: mutated files throw only FormatError", async () => {
    const xlsx = await buildXlsx();
    const odt = buildOdt();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(mutated(xlsx), mutated(odt), async (a, b) => {
        const xlsxPath = join(dir, `f${run}.xlsx`);
        const odtPath = join(dir, `f${run++}.odt`);
        await writeFile(xlsxPath, a);
        await writeFile(odtPath, b);
        await onlyOurErrors(() =>
          inspectXlsx(xlsxPath, { name: "f.xlsx", textColumns: ["comment"] }),
        );
        await onlyOurErrors(() => readOdt(odtPath, "f.odt"));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);
});

describe("text formats", () => {
  const mutatedText = (original: string) =>
    fc
      .record({
        cut: fc.nat({ max: original.length }),
        insert: fc.string({ maxLength: 20 }),
        at: fc.nat({ max: original.length }),
      })
      .map(({ cut, insert, at }) => {
        const text = original.slice(0, cut);
        const where = Math.min(at, text.length);
        return text.slice(0, where) + insert + text.slice(where);
      });
  const ris = "TY  - JOUR\nTI  - A title\nAU  - Smith, J\nKW  - pain\nmore\nER  - \n";
  const medline = "PMID- 1\nTI  - A title\n      continued\nAU  - Smith J\n\nPMID- 2\nTI  - B\n";

  it("RIS, MEDLINE, WoS and subtitles throw only FormatError and stay fast", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedText(ris),
          mutatedText(medline),
          mutatedText(VTT),
          mutatedText(SRT),
          fc.string({ maxLength: 200 }),
        ),
        (text) => {
          const started = performance.now();
          for (const parse of [
            () => parseRis(text, "f.ris"),
            () => parseMedline(text, "f.nbib"),
            () => parseWos(text, "f.wos"),
            () => cuesToTranscript(parseSubtitleCues(text, "vtt", "f.vtt")),
            () => cuesToTranscript(parseSubtitleCues(text, "srt", "f.srt")),
          ])
            try {
              parse();
            } catch (error) {
              if (!(error instanceof FormatError)) throw error;
            }
          expect(performance.now() - started).toBeLessThan(1_000);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("HTML and forum readers never throw, and thread turns stay inside the text", async () => {
    const pieces = fc.constantFrom(
      '<article class="message message--post" data-author="A">',
      '<div class="bbWrapper">',
      '<blockquote class="bbCodeBlock--quote" data-quote="A" data-source="post: 1">',
      "</blockquote>",
      "</div>",
      "</article>",
      "<p>",
      "<script>",
      "\u00a0\n",
      "[quote=A]",
      "[/quote]",
      "> ",
      "A said:\n",
      "\n",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(pieces, fc.string({ maxLength: 10 })), { maxLength: 40 }),
        fc.boolean(),
        async (parts, pseudonymise) => {
          const text = parts.join("");
          await htmlToText(text);
          for (const thread of [await parseForumHtml(text), parseForumText(text)]) {
            if (!thread) continue;
            const built = buildThread(thread, { pseudonymise });
            for (const turn of built.turns) {
              expect(turn.labelStart).toBeLessThanOrEqual(turn.start);
              expect(turn.start).toBeLessThanOrEqual(turn.end);
              expect(turn.end).toBeLessThanOrEqual(built.text.length);
              for (const quoted of turn.quotes) expect(quoted).toBeLessThan(turn.post - 1);
            }
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
