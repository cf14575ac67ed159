/**
 * Limits on ZIP-based documents (DOCX, XLSX, ODT) before a library opens them: a bounded number of
 * entries, bounded total uncompressed size and compression ratio (zip bombs), and no DTD or entity
 * declarations in XML parts (entity expansion). Every entry is inflated here with a running count,
 * so a size the directory lies about is caught too; the library then reads a file known to be sane.
 */
import { FormatError } from "./errors.js";
import { loadFflate } from "./lazy.js";

export interface ZipLimits {
  /** Total uncompressed bytes over all entries (default 512 MiB). */
  maxUncompressedBytes?: number;
  /** Largest uncompressed/compressed ratio of one entry larger than 1 MiB (default 200). */
  maxRatio?: number;
  /** Most entries (default 20,000). */
  maxEntries?: number;
}

export interface ZipEntryInfo {
  name: string;
  size: number;
}

const MiB = 1024 * 1024;

/**
 * Checks a ZIP container and returns its entries (name and uncompressed size) with the bytes of
 * the entries `keep` asks for.
 * @throws FormatError naming the file and entry for a broken archive, a zip bomb or an XML part
 *   that declares a DTD or entities.
 */
export async function checkZip(
  bytes: Uint8Array,
  format: string,
  file: string,
  limits: ZipLimits = {},
  keep: (name: string) => boolean = () => false,
): Promise<{ entries: ZipEntryInfo[]; kept: Map<string, Uint8Array> }> {
  const { unzipSync } = await loadFflate();
  const maxTotal = limits.maxUncompressedBytes ?? 512 * MiB;
  const maxRatio = limits.maxRatio ?? 200;
  const maxEntries = limits.maxEntries ?? 20_000;
  const declared: { name: string; size: number; originalSize: number }[] = [];
  try {
    // The filter sees each central-directory entry; returning false inflates nothing.
    unzipSync(bytes, {
      filter(entry) {
        declared.push({ name: entry.name, size: entry.size, originalSize: entry.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new FormatError(format, file, `is not a readable ZIP container (${reason(error)})`, {
      cause: error,
    });
  }
  if (declared.length === 0) throw new FormatError(format, file, "is an empty ZIP archive");
  if (declared.length > maxEntries)
    throw new FormatError(
      format,
      file,
      `holds ${declared.length} entries, more than ${maxEntries}`,
    );
  let total = 0;
  for (const entry of declared) {
    total += entry.originalSize;
    if (total > maxTotal)
      throw new FormatError(
        format,
        file,
        `unpacks to more than ${maxTotal} bytes (at entry ${entry.name}); refused as a possible zip bomb`,
      );
    if (entry.originalSize > MiB && entry.originalSize > maxRatio * Math.max(1, entry.size))
      throw new FormatError(
        format,
        file,
        `entry ${entry.name} is compressed ${Math.round(entry.originalSize / Math.max(1, entry.size))}:1; refused as a possible zip bomb`,
      );
  }
  const kept = new Map<string, Uint8Array>();
  const xml = (name: string) => /\.(xml|rels)$/i.test(name);
  let parts: Record<string, Uint8Array>;
  try {
    // Inflated into buffers of the declared sizes, already bounded above.
    parts = unzipSync(bytes, { filter: (entry) => xml(entry.name) || keep(entry.name) });
  } catch (error) {
    throw new FormatError(format, file, `is damaged or truncated (${reason(error)})`, {
      cause: error,
    });
  }
  for (const entry of declared) {
    const data = parts[entry.name];
    if (!data) continue;
    if (data.length !== entry.originalSize)
      throw new FormatError(
        format,
        file,
        `entry ${entry.name} unpacks to ${data.length} bytes, not the ${entry.originalSize} its directory says`,
      );
    if (xml(entry.name) && declaresDtd(data))
      throw new FormatError(
        format,
        file,
        `entry ${entry.name} declares a DTD or entities, which Quire does not read`,
      );
    if (keep(entry.name)) kept.set(entry.name, data);
  }
  return {
    entries: declared.map((entry) => ({ name: entry.name, size: entry.originalSize })),
    kept,
  };
}

/** Whether an XML part holds `<!DOCTYPE` or `<!ENTITY` (ASCII, so a byte scan suffices). */
function declaresDtd(data: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(data.subarray(0, Math.min(data.length, 64 * 1024)));
  return /<!(DOCTYPE|ENTITY)/i.test(head);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
