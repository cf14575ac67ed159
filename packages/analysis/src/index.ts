/**
 * @quire/analysis: pure analyses over Quire's domain. No Node or DOM APIs: it runs in the browser too.
 */
export * from "./agreement/index.js";
