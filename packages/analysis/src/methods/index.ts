/** The qualitative methods: reflexive TA, the Framework Method, STC, and agreement over codings. */
export * from "./coded-agreement.js";
export * from "./condensation.js";
export * from "./framework.js";
export * from "./theme-names.js";
export * from "./themes.js";
