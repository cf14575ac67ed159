/**
 * @quire/core: the pure domain of Quire. No Node or DOM APIs: it runs in the browser, the server and
 * the CLI alike.
 */
export * from "./anchor.js";
export * from "./audit.js";
export * from "./canonical-text.js";
export * from "./case.js";
export * from "./change-mapping.js";
export * from "./code.js";
export * from "./coding.js";
export * from "./control.js";
export * from "./exchange-bundle.js";
export * from "./guid-map.js";
export * from "./ids.js";
export * from "./match-quote.js";
export * from "./memo.js";
export * from "./methods.js";
export * from "./project.js";
export * from "./reanchor.js";
export * from "./source.js";
export * from "./text-search.js";
