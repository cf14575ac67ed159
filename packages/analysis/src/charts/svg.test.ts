/** The report's SVG charts: structure (bars, cells, axes), escaping of researchers' names. */
import { barChartSvg, escapeXml, heatmapSvg, saturationCurveSvg } from "@quire/analysis";
import { describe, expect, it } from "vitest";

const count = (svg: string, pattern: RegExp) => svg.match(pattern)?.length ?? 0;

describe("barChartSvg", () => {
  it("draws one bar per category and labels both axes", () => {
    const svg = barChartSvg({
      title: "Code frequencies",
      categories: ["Stress", "Diet", "Sharing"],
      series: [{ name: "passages", values: [4, 2, 0] }],
      valueLabel: "coded passages",
      categoryLabel: "code",
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(count(svg, /class="bar"/g)).toBe(3);
    expect(svg).toContain(">coded passages</text>");
    expect(svg).toContain(">code</text>");
    expect(svg).not.toContain("legend-item");
  });

  it("draws categories × series bars and a legend when grouped", () => {
    const svg = barChartSvg({
      title: "By arm",
      categories: ["Stress", "Diet"],
      series: [
        { name: "CBT", values: [3, 1] },
        { name: "TAU", values: [1, 2] },
      ],
      valueLabel: "cases",
      categoryLabel: "code",
      unit: "%",
    });
    expect(count(svg, /class="bar"/g)).toBe(4);
    expect(count(svg, /class="legend-item"/g)).toBe(2);
    expect(svg).toContain("Stress, TAU: 1%");
  });

  it("escapes names so a code cannot break the picture", () => {
    const svg = barChartSvg({
      title: 'Codes & "themes"',
      categories: ["<script>alert(1)</script>", "Tom's & Jerry's"],
      series: [{ name: "n", values: [1, 1] }],
      valueLabel: "a < b",
      categoryLabel: "code",
    });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("Tom&apos;s &amp; Jerry&apos;s");
    expect(svg).toContain("Codes &amp; &quot;themes&quot;");
    expect(svg).toContain("a &lt; b");
  });
});

describe("heatmapSvg", () => {
  it("draws rows × columns cells and writes non-empty values", () => {
    const svg = heatmapSvg({
      title: "Co-occurrence",
      rows: ["A", "B", "C"],
      columns: ["A", "B", "C"],
      values: [
        [0, 2, 0],
        [2, 0, 1],
        [0, 1, 0],
      ],
      rowLabel: "code",
      columnLabel: "code",
    });
    expect(count(svg, /class="cell"/g)).toBe(9);
    expect(svg).toContain("A × B: 2");
    expect(count(svg, /class="axis-label/g)).toBe(2);
  });
});

describe("saturationCurveSvg", () => {
  it("draws a bar per source and the cumulative line", () => {
    const svg = saturationCurveSvg({
      title: "New codes per source",
      points: [
        { label: "P01", newCodes: 3, cumulative: 3 },
        { label: "P02", newCodes: 1, cumulative: 4 },
        { label: "P03 & co", newCodes: 0, cumulative: 4 },
      ],
    });
    expect(count(svg, /class="bar"/g)).toBe(3);
    expect(count(svg, /class="cumulative"/g)).toBe(1);
    expect(svg).toContain("sources in collection order");
    expect(svg).toContain("P03 &amp; co");
  });

  it("draws an empty study without failing", () => {
    expect(saturationCurveSvg({ title: "none", points: [] })).toContain("</svg>");
  });
});

describe("escapeXml", () => {
  it("escapes the five XML characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
  });
});
