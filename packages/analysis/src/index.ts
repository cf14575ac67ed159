/**
 * @quire/analysis: pure analyses over Quire's domain. No Node or DOM APIs: it runs in the browser too.
 */
export * from "./agreement/index.js";
export * from "./charts/index.js";
export * from "./matrices/index.js";
export * from "./methods/index.js";
export * from "./queries/index.js";
export * from "./saturation/index.js";
export * from "./text/index.js";
