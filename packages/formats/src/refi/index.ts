/** REFI-QDA exchange (`.qdpx` projects, `.qdc` codebooks): the bundle model, readers and writers. */
export * from "./bundle.js";
export { derivedGuid, isCanonicalGuid, normalizeGuid } from "./guid.js";
export { mapPositions, type PositionMap } from "./positions.js";
export {
  CODEBOOK_NAMESPACE,
  openRefi,
  PROJECT_NAMESPACE,
  type RefiReader,
  type RefiReadOptions,
} from "./reader.js";
export { RefiReport } from "./report.js";
export {
  projectXml,
  type RefiWriteOptions,
  type RefiWriteResult,
  writeQdc,
  writeQdpx,
} from "./writer.js";
