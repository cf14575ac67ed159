/**
 * @quire/formats: importers that turn files into plain data (canonical text, turns, rows). Nothing
 * here writes to storage; the apps join these parsers to the store.
 */

export { AttributeTypeTracker } from "./attribute-inference.js";
export * from "./csv.js";
export * from "./decode.js";
export { binaryKind, type EncodingSniff, sniffEncoding, type TextEncoding } from "./encoding.js";
export * from "./errors.js";
export { markdownToText } from "./markdown.js";
export * from "./transcript.js";
export * from "./archive/index.js";
export * from "./refi/index.js";
