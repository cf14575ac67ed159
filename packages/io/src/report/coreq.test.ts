/** The COREQ prefill: every item present once, and each marked by how it was filled. */
import { type CoreqFacts, prefillCoreq } from "@quire/io";
import { describe, expect, it } from "vitest";

const facts = (overrides: Partial<CoreqFacts> = {}): CoreqFacts => ({
  method: "reflexive_ta",
  softwareVersion: "0.1.0",
  casesByKind: { participant: 4 },
  attribute: {
    name: "arm",
    groups: [
      { value: "CBT", cases: 2 },
      { value: "TAU", cases: 2 },
    ],
  },
  sampleTable: [
    {
      attribute: "arm",
      values: [
        { value: "CBT", cases: 2 },
        { value: "TAU", cases: 2 },
      ],
    },
  ],
  sourcesByKind: { interview: 4 },
  interviewers: [],
  settings: [],
  media: [],
  durations: [],
  repeatCases: 0,
  fieldNotes: 0,
  coders: ["AS", "BK"],
  codes: 3,
  derivationEntries: 7,
  quotations: 5,
  labelledQuotations: 5,
  majorThemes: ["Sharing the load"],
  minorThemes: ["Stress"],
  unplacedCodes: 1,
  reflexiveEntries: 0,
  saturation: null,
  entered: {},
  ...overrides,
});

const item = (items: ReturnType<typeof prefillCoreq>, n: number) => {
  const found = items.find((i) => i.number === n);
  if (!found) throw new Error(`item ${n} missing`);
  return found;
};

describe("prefillCoreq", () => {
  it("lists the 32 items in order, in three domains", () => {
    const items = prefillCoreq(facts());
    expect(items.map((i) => i.number)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(new Set(items.map((i) => i.domain)).size).toBe(3);
  });

  it("computes what the data say", () => {
    const items = prefillCoreq(facts());
    expect(item(items, 9)).toMatchObject({
      status: "computed",
      value: expect.stringMatching(/Reflexive thematic analysis/),
    });
    expect(item(items, 12)).toMatchObject({
      status: "computed",
      value: "4 cases (4 participant); by arm: CBT 2, TAU 2",
    });
    expect(item(items, 16).value).toBe("arm: CBT 2, TAU 2");
    expect(item(items, 24).value).toBe("2 coders (AS, BK)");
    expect(item(items, 26).value).toMatch(/^7 dated entries/);
    expect(item(items, 27).value).toBe("Quire 0.1.0");
    expect(item(items, 29).value).toMatch(/^5 quotations presented, 5 identified/);
    expect(item(items, 31).value).toBe("1: Sharing the load");
    expect(item(items, 32).value).toMatch(/1 minor themes or subthemes \(Stress\); 1 codes placed/);
  });

  it("asks the researcher where the project cannot say, and prefills what they entered", () => {
    const items = prefillCoreq(facts({ entered: { "2": "PhD, clinical psychologist" } }));
    expect(item(items, 2)).toMatchObject({
      status: "prefilled",
      value: "PhD, clinical psychologist",
    });
    expect(item(items, 3).status).toBe("needs the researcher");
    expect(item(items, 21)).toMatchObject({ status: "needs the researcher" });
    expect(item(items, 21).value).toMatch(/metadata\.duration/);
    expect(item(items, 30).status).toBe("needs the researcher");
  });

  it("summarises durations and takes interviewer and journal from the data", () => {
    const items = prefillCoreq(
      facts({ durations: [30, 60, 45], interviewers: ["AS"], reflexiveEntries: 2 }),
    );
    expect(item(items, 21)).toMatchObject({
      status: "computed",
      value: "min 30, median 45, max 60 minutes (3 sources with a recorded duration)",
    });
    expect(item(items, 1)).toMatchObject({ status: "computed", value: "AS" });
    expect(item(items, 8).status).toBe("prefilled");
  });
});
