/**
 * Charts drawn as PNG for the Word report: a real PNG at twice the chart's size, and its words
 * actually drawn (a chart whose labels silently vanished for want of a font would pass a size
 * check). Needs a system sans-serif font; CI installs Debian's fonts-dejavu-core.
 */
import { barChartSvg } from "@quire/analysis";
import { describe, expect, it } from "vitest";
import { rasteriseChart } from "./rasterise.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("rasteriseChart", () => {
  it("draws a bar chart as a PNG at twice its size", async () => {
    const svg = barChartSvg({
      title: "Code frequencies",
      categories: ["Shared responsibility", "Waiting"],
      series: [{ name: "passages", values: [12, 5] }],
      valueLabel: "coded passages",
      categoryLabel: "code",
    });
    const raster = await rasteriseChart(svg);
    expect(raster).not.toBeNull();
    if (!raster) return;
    expect([...raster.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const declared = /width="(\d+)" height="(\d+)"/.exec(svg);
    expect(raster.width).toBe(Number(declared?.[1]));
    expect(raster.height).toBe(Number(declared?.[2]));
    expect(pngSize(raster.png)).toEqual({ width: raster.width * 2, height: raster.height * 2 });
  });

  it("draws text, so a chart's labels are not lost", async () => {
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>';
    const words =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="Helvetica, Arial, sans-serif">' +
      '<text x="4" y="28" font-size="20">Shared load</text></svg>';
    const [empty, written] = await Promise.all([rasteriseChart(blank), rasteriseChart(words)]);
    expect(empty && written).toBeTruthy();
    // PNG compresses: a white image is far smaller than one with glyphs on it.
    expect(written?.png.length ?? 0).toBeGreaterThan((empty?.png.length ?? 0) + 200);
  });
});
