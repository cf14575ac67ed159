/**
 * @quire/io: files in and out of a project. It joins the parsers of `@quire/formats` to the store
 * of `@quire/db`, for the CLI and the server alike.
 */

export { BACKUP_FORMAT, type BackupHeader, restoreBackup, writeBackup } from "./backup.js";
export * from "./export-project.js";
export * from "./exporter.js";
export * from "./import-files.js";
export * from "./importer.js";
export * from "./methods.js";
export { type CoreqFacts, type CoreqItem, type CoreqStatus, prefillCoreq } from "./report/coreq.js";
export { reportDocument } from "./report/document.js";
export { gatherReport, type ReportData, type ReportOptions } from "./report/gather.js";
export { reportHtml } from "./report/html.js";
