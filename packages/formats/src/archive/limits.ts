/**
 * Bounds that every archive and XML reader applies to untrusted files. They are generous for real
 * projects (an NVivo export of a few hundred megabytes) and stop zip bombs, entity tricks and
 * pathological nesting long before memory or time run out.
 */

export interface ArchiveLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Largest central directory, in bytes, read in one piece. */
  maxCentralDirectoryBytes: number;
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries read from one archive together. */
  maxTotalBytes: number;
  /**
   * Largest ratio of uncompressed to compressed size, checked once an entry has produced
   * `ratioGraceBytes` (small, highly repetitive files compress very well and are harmless).
   */
  maxRatio: number;
  ratioGraceBytes: number;
}

export interface XmlLimits {
  /** Deepest element nesting. */
  maxDepth: number;
  /** Most characters the parser may hold between two events (one text node, one tag). */
  maxPendingChars: number;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 1_000_000,
  maxCentralDirectoryBytes: 64 * MIB,
  // An XML document larger than a JavaScript string (512 MiB) must still be readable.
  maxEntryBytes: 3 * GIB,
  maxTotalBytes: 8 * GIB,
  maxRatio: 200,
  ratioGraceBytes: 8 * MIB,
};

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxDepth: 256,
  maxPendingChars: 64 * MIB,
};
