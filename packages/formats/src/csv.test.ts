import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inferAttributeType } from "@quire/core";
import {
  AttributeTypeTracker,
  type CsvPlan,
  type CsvRow,
  FormatError,
  inspectCsv,
  readCsvRows,
} from "@quire/formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../test-support/shared-data.js";

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "quire-csv-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csvFile(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `f${counter++}.csv`);
  await writeFile(path, content);
  return path;
}

async function collect(rows: AsyncIterable<CsvRow>): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<FormatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return error as FormatError;
  }
  throw new Error("expected a FormatError");
}

describe("inspectCsv and readCsvRows on small files", () => {
  const content =
    "\uFEFFid,comment,group,age,consented,visit\r\n" +
    'r1,"Kind staff, quick\r\nservice",A,34,yes,01/02/2023\r\n' +
    "r2,,B,51,no,2023-03-04\r\n" +
    "\r\n" +
    "r3,  ,A,,yes,\r\n" +
    'r4,"She said ""fine""",B,29,n,05/06/2023\r\n';

  it("validates, counts and types the columns", async () => {
    const path = await csvFile(content);
    const inspection = await inspectCsv(path, { textColumn: "comment", idColumn: "id" });
    expect(inspection).toMatchObject({
      rowCount: 4,
      emptyTextCount: 2,
      columns: ["id", "comment", "group", "age", "consented", "visit"],
      encoding: "utf-8",
      delimiter: ",",
      attributes: [
        { name: "group", type: "category", allowedValues: ["A", "B"] },
        { name: "age", type: "number", allowedValues: [] },
        { name: "consented", type: "boolean", allowedValues: [] },
        { name: "visit", type: "date", allowedValues: [] },
      ],
    });
    expect(inspection.sample[0]).toEqual({
      line: 2,
      id: "r1",
      text: "Kind staff, quick\nservice",
      attributes: { group: "A", age: "34", consented: "yes", visit: "01/02/2023" },
    });
  });

  it("streams rows with their lines, canonical text and typed values", async () => {
    const path = await csvFile(content);
    const inspection = await inspectCsv(path, { textColumn: "comment", idColumn: "id" });
    const rows = await collect(
      readCsvRows(path, {
        textColumn: "comment",
        idColumn: "id",
        attributes: inspection.attributes,
      }),
    );
    expect(rows).toEqual([
      {
        line: 2,
        id: "r1",
        text: "Kind staff, quick\nservice",
        attributes: { group: "A", age: 34, consented: true, visit: "2023-02-01" },
      },
      {
        line: 4,
        id: "r2",
        text: "",
        attributes: { group: "B", age: 51, consented: false, visit: "2023-03-04" },
      },
      {
        line: 6,
        id: "r3",
        text: "",
        attributes: { group: "A", age: null, consented: true, visit: null },
      },
      {
        line: 7,
        id: "r4",
        text: 'She said "fine"',
        attributes: { group: "B", age: 29, consented: false, visit: "2023-06-05" },
      },
    ]);
  });

  it("sniffs semicolons and reads UTF-16 with a BOM", async () => {
    const text = "\uFEFFtext;site\nToo long a wait;North\nLovely nurse, Zoë;South\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const path = await csvFile(bytes);
      const inspection = await inspectCsv(path, { textColumn: "text" });
      expect(inspection).toMatchObject({ rowCount: 2, delimiter: ";", encoding });
      const rows = await collect(readCsvRows(path, { textColumn: "text", attributes: [] }));
      expect(rows.map((row) => row.text)).toEqual(["Too long a wait", "Lovely nurse, Zoë"]);
    }
  });

  it("reports a row with the wrong number of fields at its line", async () => {
    const lines = ["id,text,group"];
    for (let i = 1; i <= 40; i++) lines.push(i === 17 ? `${i},"two\nlines",A,extra` : `${i},ok,A`);
    const path = await csvFile(`${lines.join("\n")}\n`);
    // Row 17 starts on line 18; it is the first bad one.
    const error = await rejection(inspectCsv(path, { textColumn: "text", name: "feedback.csv" }));
    expect(error.message).toBe("feedback.csv line 18: row has 4 fields, the header has 3");
    const again = await rejection(
      collect(readCsvRows(path, { textColumn: "text", attributes: [], name: "feedback.csv" })),
    );
    expect(again.line).toBe(18);
  });

  it("lists the columns when a named column is missing", async () => {
    const path = await csvFile("id,comment,group\n1,hi,A\n");
    const error = await rejection(inspectCsv(path, { textColumn: "Comment", name: "f.csv" }));
    expect(error.message).toBe(
      'f.csv line 1: has no text column "Comment"; the columns are "id", "comment", "group"',
    );
    const attribute = await rejection(
      inspectCsv(path, { textColumn: "comment", attributeColumns: ["site"], name: "f.csv" }),
    );
    expect(attribute.column).toBe("site");
  });

  it("reports quoting errors, invalid UTF-8, binary and empty files", async () => {
    const unclosed = await csvFile('id,text\n1,fine\n2,"never closed\n3,more\n');
    expect((await rejection(inspectCsv(unclosed, { textColumn: "text" }))).line).toBe(3);
    const stray = await csvFile('id,text\n1,fine\n2,"closed" then text\n');
    const strayError = await rejection(inspectCsv(stray, { textColumn: "text" }));
    expect(strayError.line).toBe(3);
    const badBytes = await csvFile(
      new Uint8Array([...Buffer.from("id,text\n1,ok\n2,caf"), 0xe9, ...Buffer.from("\n")]),
    );
    const utf8Error = await rejection(inspectCsv(badBytes, { textColumn: "text", name: "b.csv" }));
    expect(utf8Error.message).toBe("b.csv line 3: invalid UTF-8 byte sequence (byte 18)");
    const zip = await csvFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect((await rejection(inspectCsv(zip, { textColumn: "text" }))).message).toMatch(
      /looks like a binary file \(a ZIP archive/,
    );
    const empty = await csvFile("");
    expect((await rejection(inspectCsv(empty, { textColumn: "t", name: "e.csv" }))).message).toBe(
      "e.csv: is empty",
    );
    await expect(inspectCsv(join(dir, "nope.csv"), { textColumn: "t" })).rejects.toBeInstanceOf(
      FormatError,
    );
  });

  it("names the line and column of a value that does not fit its attribute", async () => {
    const path = await csvFile("text,age\nhi,34\nho,about 40\n");
    const plan: CsvPlan = {
      textColumn: "text",
      attributes: [{ name: "age", type: "number", allowedValues: [] }],
      name: "ages.csv",
    };
    const error = await rejection(collect(readCsvRows(path, plan)));
    expect(error).toMatchObject({ line: 3, column: "age" });
    expect(error.message).toMatch(/^ages\.csv line 3: column "age": "about 40" is not a number/);
  });
});

describe("AttributeTypeTracker", () => {
  const value = fc.oneof(
    fc.constantFrom("", " ", "yes", "No", "1", "0", "2.5", "-3", "2023-01-31", "31/01/2023", "x"),
    fc.integer({ min: 0, max: 120 }).map(String),
    fc.string({ maxLength: 3 }),
  );

  it("agrees with inferAttributeType on the same values", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const tracker = new AttributeTypeTracker();
        for (const raw of values) tracker.add(raw);
        expect(tracker.type()).toBe(inferAttributeType(values));
      }),
      { seed: 20261121, numRuns: 400 },
    );
  });

  it("agrees past the category limit, where only the type flags matter", () => {
    const many = Array.from({ length: 200 }, (_, i) => String(i));
    for (const tail of [[], ["yes"], ["2023-01-01"], ["n/a"]]) {
      const tracker = new AttributeTypeTracker();
      for (const raw of [...many, ...tail]) tracker.add(raw);
      expect(tracker.type()).toBe(inferAttributeType([...many, ...tail]));
    }
  });
});

const NHS = "data/corpora/nhs_pxtextmining";

describe.skipIf(!hasShared(NHS))("the NHS patient-experience CSV files", () => {
  it("reads v6framework_230831.csv (CRLF, 7,908 rows)", async () => {
    const path = sharedPath(`${NHS}/v6framework_230831.csv`);
    const options = {
      textColumn: "FFT answer",
      idColumn: "Comment ID",
      attributeColumns: ["Trust", "Service type 1", "Date", "Comment sentiment"],
    };
    const inspection = await inspectCsv(path, options);
    expect(inspection.rowCount).toBe(7908);
    expect(inspection.columns).toHaveLength(61);
    expect(inspection.attributes).toEqual([
      { name: "Trust", type: "category", allowedValues: ["NEAS", "NHFT"] },
      expect.objectContaining({ name: "Service type 1", type: "category" }),
      // The file mixes 30/09/2021 with 1/22/2022: not one date format, so free text.
      { name: "Date", type: "text", allowedValues: [] },
      { name: "Comment sentiment", type: "number", allowedValues: [] },
    ]);
    expect(inspection.attributes[1]?.allowedValues).toContain("PTS\u00a0 - Patient Transport");

    let count = 0;
    let blank = 0;
    let lastLine = 1;
    for await (const row of readCsvRows(path, { ...options, attributes: inspection.attributes })) {
      count++;
      if (row.text === "") blank++;
      expect(row.line).toBeGreaterThan(lastLine);
      expect(row.text.includes("\r")).toBe(false);
      lastLine = row.line;
      if (count === 1)
        expect(row).toMatchObject({
          line: 2,
          id: "NEAS PTS 528 - Q1",
          text: "Did not answer",
          attributes: { Trust: "NEAS", Date: "30/09/2021", "Comment sentiment": null },
        });
    }
    expect(count).toBe(7908);
    expect(blank).toBe(inspection.emptyTextCount);
  });

  it("reads phase_1_text_data.csv", async () => {
    const path = sharedPath(`${NHS}/phase_1_text_data.csv`);
    const inspection = await inspectCsv(path, { textColumn: "feedback", idColumn: "row_index" });
    expect(inspection.rowCount).toBe(10334);
    const byName = Object.fromEntries(inspection.attributes.map((a) => [a.name, a]));
    // Criticality should run from -5 to 5, but the file also holds typos such as "-o", "NA" and
    // "cc": no longer a number column, so it is read as a category that shows them.
    expect(byName.criticality?.type).toBe("category");
    expect(byName.criticality?.allowedValues).toEqual(expect.arrayContaining(["-o", "NA", "3"]));
    expect(byName.organization).toEqual({
      name: "organization",
      type: "category",
      allowedValues: ["Trust A", "Trust B", "Trust C"],
    });
    expect(byName.label?.allowedValues).toHaveLength(9);
    let count = 0;
    for await (const row of readCsvRows(path, {
      textColumn: "feedback",
      idColumn: "row_index",
      attributes: inspection.attributes,
    })) {
      count++;
      expect(byName.criticality?.allowedValues).toContain(row.attributes.criticality);
    }
    expect(count).toBe(10334);
  });
});
