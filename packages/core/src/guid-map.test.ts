import { GuidMap, GuidSet } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** Keys from a small pool, so that operations meet the same keys again: canonical GUIDs whose
 * words take one of three values each (so keys differ in a single word), and the shapes that must
 * fall back (upper case, braces, short ids, near misses). */
const wordValues = ["00000000", "0000000f", "f0000000"];
const canonical = wordValues.flatMap((a) =>
  wordValues.flatMap((b) =>
    wordValues.flatMap((c) =>
      wordValues.map(
        (d) => `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`,
      ),
    ),
  ),
);
const pool = [
  ...canonical,
  "01A20011-4486-7913-BEFE-5F97C0F07CDE",
  "{01a20011-4486-7913-befe-5f97c0f07cde}",
  "c001",
  "01a20011-4486-7913-befe-5f97c0f07cdg",
  "01a20011x4486-7913-befe-5f97c0f07cde",
  "",
];
const key = fc.constantFrom(...pool);
const operation = fc.oneof(
  fc.record({ op: fc.constant("set" as const), key, value: fc.integer() }),
  fc.record({ op: fc.constant("delete" as const), key }),
  fc.record({ op: fc.constant("get" as const), key }),
);

describe("GuidMap", () => {
  it("answers as a Map does, through growth, deletions and keys of every shape", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 600 }), (operations) => {
        const map = new GuidMap<number>();
        const model = new Map<string, number>();
        for (const step of operations) {
          if (step.op === "set") {
            map.set(step.key, step.value);
            model.set(step.key, step.value);
          } else if (step.op === "delete")
            expect(map.delete(step.key)).toBe(model.delete(step.key));
          else {
            expect(map.get(step.key)).toBe(model.get(step.key));
            expect(map.has(step.key)).toBe(model.has(step.key));
          }
          expect(map.size).toBe(model.size);
        }
        for (const candidate of pool) expect(map.get(candidate)).toBe(model.get(candidate));
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it("holds a hundred thousand GUIDs, and tells apart keys that differ in one word", () => {
    const hex = (n: number) => n.toString(16).padStart(8, "0");
    const guid = (words: number[]) => {
      const [a, b, c, d] = words.map(hex) as [string, string, string, string];
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    };
    // For each word, 25,000 keys that differ only there: even ones in the set, odd ones not.
    const keys = (n: number, word: number) =>
      guid([0x01a20011, 0x44867913, 0xbefe5f97, 0xc0f07cde].map((w, at) => (at === word ? n : w)));
    const set = new GuidSet();
    for (let word = 0; word < 4; word++) for (let n = 0; n < 50_000; n += 2) set.add(keys(n, word));
    expect(set.size).toBe(100_000);
    for (let word = 0; word < 4; word++) {
      let found = 0;
      for (let n = 0; n < 50_000; n++) if (set.has(keys(n, word))) found++;
      expect(found).toBe(25_000);
      expect(set.has(keys(1, word))).toBe(false);
      expect(set.has(keys(49_998, word))).toBe(true);
    }
    for (let n = 0; n < 50_000; n += 4) set.delete(keys(n, 3));
    expect(set.size).toBe(87_500);
    expect(set.has(keys(0, 3))).toBe(false);
    expect(set.has(keys(2, 3))).toBe(true);
  });
});
