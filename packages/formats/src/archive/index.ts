/** Guarded readers and writers for ZIP containers and XML, shared by every archive-based format. */
export * from "./limits.js";
export { type XmlHandler, type XmlOpen, type XmlPlace, XmlStream } from "./xml-stream.js";
export { ZipArchive, type ZipEntry } from "./zip-reader.js";
export { ZipWriter } from "./zip-writer.js";
