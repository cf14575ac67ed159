/** Boolean code queries, their saved form and the in-memory project model they run over. */
export * from "./code-query.js";
export * from "./model.js";
export * from "./saved.js";
