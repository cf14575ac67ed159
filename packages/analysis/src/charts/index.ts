/** SVG charts for reports, drawn as text with no DOM. */
export * from "./svg.js";
