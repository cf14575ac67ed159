/** Word frequencies and keyword-in-context. */
export * from "./stop-words.js";
export * from "./words.js";
