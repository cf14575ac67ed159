/** Matrices over coded data: code × attribute, code × case and code co-occurrence. */
export * from "./code-case.js";
export * from "./cooccurrence.js";
export * from "./crosstab.js";
