/**
 * @quire/formats: importers that turn files into plain data (canonical text, turns, rows). Nothing
 * here writes to storage; the apps join these parsers to the store.
 */

export * from "./archive/index.js";
export { AttributeTypeTracker } from "./attribute-inference.js";
export * from "./bibliography.js";
export * from "./csv.js";
export * from "./decode.js";
export * from "./docx.js";
export { binaryKind, type EncodingSniff, sniffEncoding, type TextEncoding } from "./encoding.js";
export * from "./errors.js";
export { detectForumHtml, parseForumHtml } from "./forum/html.js";
export type { ForumBlock, ForumPost, ForumSoftware, ForumThread } from "./forum/model.js";
export { parseForumText } from "./forum/text.js";
export * from "./forum/thread.js";
export { type HtmlHeading, type HtmlText, htmlToText } from "./html.js";
export { markdownToText } from "./markdown.js";
export { parseMedline } from "./medline.js";
export * from "./odt.js";
export * from "./pdf.js";
export { DEFAULT_MAX_DOCUMENT_BYTES, readDocumentBytes } from "./read-bytes.js";
export * from "./refi/index.js";
export { parseRis, parseWos } from "./ris.js";
export * from "./subtitles.js";
export * from "./transcript.js";
export * from "./writers/codebook.js";
export * from "./writers/report.js";
export * from "./writers/source-document.js";
export * from "./writers/xlsx.js";
export * from "./xlsx.js";
export { checkZip, type ZipEntryInfo, type ZipLimits } from "./zip-limits.js";
