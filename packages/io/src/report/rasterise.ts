/**
 * SVG charts to PNG, for the Word report: Word shows an embedded SVG only beside a raster copy of
 * it, and older viewers show only the raster. Rendering runs in WebAssembly (resvg), so nothing
 * native is installed. resvg in WebAssembly cannot read the system's fonts itself, so the text of
 * the charts is set in the first sans-serif font found in the usual places on Linux, macOS and
 * Windows (or the file `QUIRE_CHART_FONT` names). Without any font the charts cannot be drawn, and
 * the report says where their SVG files are instead of guessing.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

/** A sans-serif family and where its regular and bold faces usually live. */
interface FontCandidate {
  family: string;
  regular: string;
  bold?: string;
}

const CANDIDATES: readonly FontCandidate[] = [
  {
    family: "DejaVu Sans",
    regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  },
  {
    family: "Liberation Sans",
    regular: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    bold: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  },
  {
    family: "DejaVu Sans",
    regular: "/usr/share/fonts/TTF/DejaVuSans.ttf",
    bold: "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
  },
  {
    family: "DejaVu Sans",
    regular: "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    bold: "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
  },
  {
    family: "Arial",
    regular: "/System/Library/Fonts/Supplemental/Arial.ttf",
    bold: "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
  },
  { family: "Arial", regular: "/Library/Fonts/Arial.ttf" },
  {
    family: "Arial",
    regular: "C:\\Windows\\Fonts\\arial.ttf",
    bold: "C:\\Windows\\Fonts\\arialbd.ttf",
  },
];

/** A chart drawn as PNG, with its size in CSS pixels (the PNG itself is drawn at twice that). */
export interface RasterChart {
  png: Uint8Array;
  width: number;
  height: number;
}

interface Renderer {
  fonts: Uint8Array[];
  family: string | undefined;
}

let renderer: Promise<Renderer | null> | null = null;

async function loadFonts(): Promise<{ fonts: Uint8Array[]; family?: string } | null> {
  const chosen = process.env.QUIRE_CHART_FONT;
  if (chosen) {
    if (!existsSync(chosen))
      throw new Error(`QUIRE_CHART_FONT names ${chosen}, which does not exist`);
    return { fonts: [await readFile(chosen)] };
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate.regular));
  if (!found) return null;
  const files = [found.regular, ...(found.bold && existsSync(found.bold) ? [found.bold] : [])];
  return { fonts: await Promise.all(files.map((file) => readFile(file))), family: found.family };
}

async function start(): Promise<Renderer | null> {
  const fonts = await loadFonts();
  if (!fonts) return null;
  const wasm = createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm");
  await initWasm(await readFile(wasm));
  return { fonts: fonts.fonts, family: fonts.family };
}

/**
 * Draws an SVG chart as PNG at twice its size, on white; null when no font could be found. The
 * WebAssembly module and the fonts are loaded once, on first use.
 */
export async function rasteriseChart(svg: string): Promise<RasterChart | null> {
  renderer ??= start();
  const ready = await renderer;
  if (!ready) return null;
  const family = ready.family;
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: {
      fontBuffers: ready.fonts,
      ...(family ? { defaultFontFamily: family, sansSerifFamily: family } : {}),
    },
  });
  try {
    const width = resvg.width;
    const height = resvg.height;
    const image = resvg.render();
    try {
      return { png: image.asPng(), width, height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
