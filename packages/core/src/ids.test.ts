import { isUuid, newId } from "@quire/core";
import { describe, expect, it } from "vitest";

describe("newId", () => {
  it("makes version-7 UUIDs with the RFC 9562 variant", () => {
    for (let index = 0; index < 10_000; index++) {
      const id = newId();
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
  });

  it("makes ids that sort by creation time and never repeat", () => {
    const before = Date.now();
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    const time = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(time(ids[0] ?? "")).toBeGreaterThanOrEqual(before);
    for (let index = 1; index < ids.length; index++)
      expect(time(ids[index] ?? "")).toBeGreaterThanOrEqual(time(ids[index - 1] ?? ""));
  });
});
