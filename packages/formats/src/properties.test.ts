import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalText, QuireError } from "@quire/core";
import { decodeText, FormatError, inspectCsv, parseTranscript, readCsvRows } from "@quire/formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Pinned seeds: a failure reproduces exactly; add a failing seed here as a named case when one is found.
const SEED = 20261121;

/** Text that looks like a transcript often enough to exercise the label rules. */
const transcriptish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "I: ",
        "R: ",
        "P07: ",
        "[00:01:02] Anna: ",
        "Note: ",
        "**Mod:** ",
        "R; ",
        "# ",
      ),
      fc.constantFrom("\n", "\r\n", "\n\n", " ", "\t", ":", "-", "*", "[", "]", "10:30 "),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

function expectOnlyOurErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof FormatError || error instanceof QuireError)) throw error;
  }
}

describe("properties", () => {
  it("parseTranscript returns ordered, non-overlapping turns inside its canonical text", () => {
    fc.assert(
      fc.property(transcriptish, fc.constantFrom("text", "markdown"), (input, format) => {
        const result = parseTranscript(input, { file: "p.txt", format });
        expect(canonicalText(result.text)).toBe(result.text);
        let previousEnd = 0;
        for (const turn of result.turns) {
          expect(turn.labelStart).toBeGreaterThanOrEqual(previousEnd);
          expect(turn.labelStart).toBeLessThanOrEqual(turn.start);
          expect(turn.start).toBeLessThanOrEqual(turn.end);
          expect(turn.end).toBeLessThanOrEqual(result.text.length);
          previousEnd = turn.end;
        }
        const total = result.speakers.reduce((sum, speaker) => sum + speaker.turnCount, 0);
        expect(total).toBe(result.turns.length);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("decodeText returns canonical text or throws a FormatError", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: "binary", maxLength: 40 }).map((text) => new TextEncoder().encode(text)),
      fc
        .tuple(
          fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
          fc.uint8Array({ maxLength: 40 }),
        )
        .map(([bom, rest]) => new Uint8Array([...bom, ...rest])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        expectOnlyOurErrors(() => {
          const text = decodeText(input, "p.txt");
          expect(canonicalText(text)).toBe(text);
        });
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  describe("CSV", () => {
    let dir: string;
    let counter = 0;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "quire-csv-prop-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("inspectCsv throws nothing but FormatError on random bytes", async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 80 }),
        fc
          .array(fc.constantFrom("a", "b", ",", ";", '"', "\n", "\r\n", " ", "é", "\t"), {
            maxLength: 60,
          })
          .map((parts) => new TextEncoder().encode(`a,b\n${parts.join("")}`)),
      );
      await fc.assert(
        fc.asyncProperty(bytes, async (input) => {
          const path = join(dir, `r${counter++}.csv`);
          await writeFile(path, input);
          try {
            await inspectCsv(path, { textColumn: "a" });
            for await (const _ of readCsvRows(path, { textColumn: "a", attributes: [] })) {
              // reading is the test
            }
          } catch (error) {
            if (!(error instanceof FormatError)) throw error;
          }
        }),
        { seed: SEED, numRuns: 150 },
      );
    });

    it("readCsvRows gives each text cell's canonical text, or '' when blank", async () => {
      const cell = fc.oneof(
        fc.string({ unit: "binary", maxLength: 20 }),
        fc.constantFrom("", "  ", "a\r\nb", "x\ry", 'say "hi"', "e\u0301", "\uFEFFbom", "tab\tend"),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 8 }), async (cells) => {
          const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
          const csv = `n,text\r\n${cells.map((value, i) => `${i},${quote(value)}`).join("\r\n")}\r\n`;
          const path = join(dir, `c${counter++}.csv`);
          await writeFile(path, csv);
          const texts: string[] = [];
          try {
            for await (const row of readCsvRows(path, { textColumn: "text", attributes: [] }))
              texts.push(row.text);
          } catch (error) {
            // Only NUL characters make a file binary; anything else must read.
            expect(error).toBeInstanceOf(FormatError);
            expect(csv.includes("\u0000")).toBe(true);
            return;
          }
          const expected = cells.map((value) => {
            const text = canonicalText(Buffer.from(value).toString());
            return text.trim() === "" ? "" : text;
          });
          expect(texts).toEqual(expected);
        }),
        { seed: SEED, numRuns: 150 },
      );
    });
  });
});
