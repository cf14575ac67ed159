/**
 * Properties of the measures on generated data (fast-check, pinned seed): agreement with a plain
 * O(n²) reference for α, invariance under permuting units and coders, perfect agreement, streaming
 * equals batch, and the exact identities that hold between measures. No approximate identity is
 * asserted.
 */
import {
  type AlphaLevel,
  binaryUnitizedAlpha,
  codePresenceUnits,
  cohenKappa,
  createAlphaAccumulator,
  fleissKappa,
  krippendorffAlpha,
  type MaybeValue,
  percentAgreement,
  scottPi,
  unitizedAlpha,
  weightedKappa,
} from "@quire/analysis";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const settings = { seed: 20_240_611, numRuns: 150 };
const levels: AlphaLevel[] = ["nominal", "ordinal", "interval", "ratio"];

/** Units of `coders` cells each, values 0..3 or missing. */
const table = (coders: { min: number; max: number }, missing: boolean) =>
  fc.integer(coders).chain((m) =>
    fc.array(
      fc.array(
        missing
          ? fc.option(fc.integer({ min: 0, max: 3 }), { nil: null })
          : fc.integer({ min: 0, max: 3 }),
        {
          minLength: m,
          maxLength: m,
        },
      ),
      { minLength: 1, maxLength: 25 },
    ),
  );

/** α straight from Krippendorff's definition: all value pairs, no coincidence matrix. */
function referenceAlpha(units: readonly MaybeValue[][], level: AlphaLevel): number | null {
  const pairable = units
    .map((u) => u.filter((v): v is number => typeof v === "number"))
    .filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  if (n === 0) return null;
  const count = (v: number) => all.filter((x) => x === v).length;
  const delta = (c: number, k: number): number => {
    if (level === "nominal") return c === k ? 0 : 1;
    if (level === "interval") return (c - k) ** 2;
    if (level === "ratio") return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
    const lo = Math.min(c, k);
    const hi = Math.max(c, k);
    let between = 0;
    for (const v of new Set(all)) if (v >= lo && v <= hi) between += count(v);
    return (between - (count(c) + count(k)) / 2) ** 2;
  };
  let observed = 0;
  for (const unit of pairable) {
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) observed += delta(unit[i] as number, unit[j] as number) / (unit.length - 1);
      }
    }
  }
  let expected = 0;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) if (a !== b) expected += delta(all[a] as number, all[b] as number);
  if (expected === 0) return 1;
  return 1 - ((n - 1) * observed) / expected;
}

const close = (a: number | null, b: number | null) => {
  if (a === null || b === null) return expect(a).toBe(b);
  expect(Math.abs(a - b)).toBeLessThan(1e-9);
};

function shuffle<T>(items: readonly T[], order: readonly number[]): T[] {
  return [...items]
    .map((item, i) => ({ item, key: order[i % order.length] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

describe("Krippendorff's α properties", () => {
  it("equals the plain pairwise definition at every level, with missing values", () => {
    fc.assert(
      fc.property(table({ min: 2, max: 5 }, true), (units) => {
        for (const level of levels)
          close(krippendorffAlpha(units, level).value, referenceAlpha(units, level));
      }),
      settings,
    );
  });

  it("does not change when units or coders are permuted", () => {
    fc.assert(
      fc.property(
        table({ min: 2, max: 5 }, true),
        fc.array(fc.integer(), { minLength: 1 }),
        (units, order) => {
          const coderOrder = shuffle(
            (units[0] ?? []).map((_, i) => i),
            order,
          );
          const permuted = shuffle(units, order).map((unit) =>
            coderOrder.map((c) => unit[c] ?? null),
          );
          for (const level of levels)
            close(krippendorffAlpha(permuted, level).value, krippendorffAlpha(units, level).value);
        },
      ),
      settings,
    );
  });

  it("is 1 under perfect agreement with at least two values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2 }),
        fc.integer({ min: 2, max: 5 }),
        (values, m) => {
          fc.pre(new Set(values).size >= 2);
          const units = values.map((v) => new Array<number>(m).fill(v));
          for (const level of levels)
            expect(krippendorffAlpha(units, level).value).toBeCloseTo(1, 12);
        },
      ),
      settings,
    );
  });

  it("a unit added with weight w equals the unit added w times", () => {
    fc.assert(
      fc.property(table({ min: 2, max: 4 }, true), fc.integer({ min: 1, max: 4 }), (units, w) => {
        for (const level of levels) {
          const weighted = createAlphaAccumulator(level);
          const repeated = createAlphaAccumulator(level);
          for (const unit of units) {
            weighted.add(unit, w);
            for (let i = 0; i < w; i++) repeated.add(unit);
          }
          close(weighted.result().value, repeated.result().value);
        }
      }),
      settings,
    );
  });

  it("interval α equals nominal α on 0/1 data (δ² is 1 for every disagreement)", () => {
    fc.assert(
      fc.property(table({ min: 2, max: 4 }, true), (units) => {
        const binary = units.map((u) => u.map((v) => (v === null ? null : v % 2)));
        close(
          krippendorffAlpha(binary, "interval").value,
          krippendorffAlpha(binary, "nominal").value,
        );
      }),
      settings,
    );
  });
});

describe("two-coder and many-coder properties", () => {
  it("nominal α = 1 − (1 − π)(n − 1)/n for two coders without missing data (n = 2N)", () => {
    fc.assert(
      fc.property(table({ min: 2, max: 2 }, false), (units) => {
        const pi = scottPi(units).value;
        fc.pre(pi !== null);
        const n = 2 * units.length;
        close(krippendorffAlpha(units).value, 1 - ((1 - (pi as number)) * (n - 1)) / n);
      }),
      settings,
    );
  });

  it("Fleiss' κ with two ratings per unit equals Scott's π", () => {
    fc.assert(
      fc.property(table({ min: 2, max: 2 }, false), (units) => {
        close(fleissKappa(units).value, scottPi(units).value);
      }),
      settings,
    );
  });

  it("κ, π and weighted κ are symmetric in the two coders and ignore unit order", () => {
    fc.assert(
      fc.property(
        table({ min: 2, max: 2 }, true),
        fc.array(fc.integer(), { minLength: 1 }),
        (units, order) => {
          const swapped = shuffle(units, order).map(([a, b]) => [b, a]);
          close(cohenKappa(swapped).value, cohenKappa(units).value);
          close(scottPi(swapped).value, scottPi(units).value);
          for (const weights of ["linear", "quadratic"] as const) {
            close(
              weightedKappa(swapped, { weights }).value,
              weightedKappa(units, { weights }).value,
            );
          }
        },
      ),
      settings,
    );
  });

  it("Fleiss' κ and percent agreement ignore the order of units and coders", () => {
    fc.assert(
      fc.property(
        table({ min: 2, max: 5 }, false),
        fc.array(fc.integer(), { minLength: 1 }),
        (units, order) => {
          const permuted = shuffle(units, order).map((unit) => shuffle(unit, order));
          close(fleissKappa(permuted).value, fleissKappa(units).value);
          close(percentAgreement(permuted).value, percentAgreement(units).value);
          close(
            percentAgreement(permuted, "pooled").value,
            percentAgreement(units, "pooled").value,
          );
        },
      ),
      settings,
    );
  });

  it("perfect agreement with two or more categories gives 1 for κ, weighted κ, π, Fleiss and percent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2 }), (values) => {
        fc.pre(new Set(values).size >= 2);
        const units = values.map((v) => [v, v]);
        expect(cohenKappa(units).value).toBeCloseTo(1, 12);
        expect(weightedKappa(units, { weights: "quadratic" }).value).toBeCloseTo(1, 12);
        expect(scottPi(units).value).toBeCloseTo(1, 12);
        expect(fleissKappa(units).value).toBeCloseTo(1, 12);
        expect(percentAgreement(units).value).toBe(1);
      }),
      settings,
    );
  });
});

describe("coded text and unitized α properties", () => {
  const spans = fc.array(
    fc.record({
      coder: fc.constantFrom("ann", "bob", "cy"),
      codeId: fc.constantFrom("c1", "c2"),
      sourceId: fc.constantFrom("s1", "s2"),
      start: fc.integer({ min: 0, max: 30 }),
      size: fc.integer({ min: 0, max: 10 }),
    }),
    { maxLength: 12 },
  );
  const sources = [
    { sourceId: "s1", length: 40 },
    { sourceId: "s2", length: 25 },
  ];
  const clip = (
    raw: { coder: string; codeId: string; sourceId: string; start: number; size: number }[],
  ) =>
    raw.map(({ size, ...span }) => {
      const length = span.sourceId === "s1" ? 40 : 25;
      const start = Math.min(span.start, length);
      return { ...span, start, end: Math.min(length, start + size) };
    });

  it("presence stretches with weights give exactly the character-level α", () => {
    fc.assert(
      fc.property(spans, (raw) => {
        const coded = clip(raw);
        const coders = ["ann", "bob", "cy"];
        for (const [codeId, stretches] of codePresenceUnits(coded, sources, { coders })) {
          const fast = createAlphaAccumulator("nominal");
          for (const stretch of stretches) fast.add(stretch.values, stretch.weight);
          const perCharacter = createAlphaAccumulator("nominal");
          for (const { sourceId, length } of sources) {
            for (let x = 0; x < length; x++) {
              perCharacter.add(
                coders.map((coder) =>
                  coded.some(
                    (s) =>
                      s.codeId === codeId &&
                      s.sourceId === sourceId &&
                      s.coder === coder &&
                      s.start <= x &&
                      x < s.end,
                  )
                    ? 1
                    : 0,
                ),
              );
            }
          }
          close(fast.result().value, perCharacter.result().value);
        }
      }),
      { ...settings, numRuns: 60 },
    );
  });

  it("uα equals |uα when only one value is used, and ignores coder order", () => {
    const segments = fc
      .array(
        fc.record({ start: fc.integer({ min: 0, max: 50 }), size: fc.integer({ min: 1, max: 8 }) }),
        { maxLength: 5 },
      )
      .map((raw) => {
        // Disjoint by construction: keep segments that start after the previous one ends.
        const sorted = [...raw].sort((a, b) => a.start - b.start);
        const out: { start: number; end: number; value: string }[] = [];
        for (const { start, size } of sorted) {
          const previous = out[out.length - 1];
          if (previous && start < previous.end) continue;
          out.push({ start, end: Math.min(60, start + size), value: "v" });
        }
        return out;
      });
    fc.assert(
      fc.property(fc.array(segments, { minLength: 2, maxLength: 4 }), (coders) => {
        const continuum = { length: 60, coders };
        const u = unitizedAlpha([continuum]).value;
        close(u, binaryUnitizedAlpha([continuum]).value);
        close(unitizedAlpha([{ length: 60, coders: [...coders].reverse() }]).value, u);
      }),
      settings,
    );
  });
});
