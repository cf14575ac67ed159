/**
 * Canonical text: the one form of a document's text that every offset refers to. Changing these
 * rules changes offsets, so the version is stored with each project and a change needs a migration.
 */

/** Bump when the rules below change; stored on every project. */
export const CANONICAL_TEXT_VERSION = 1;

/**
 * Turns decoded text into canonical text: Unicode NFC, no byte-order mark, every line break (CRLF,
 * CR, NEL, LS, PS) as `\n`, and no NUL or other C0 control character except tab and newline.
 * Nothing else changes: spacing, blank lines and wrapping stay as written.
 */
export function canonicalText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?|\u0085|\u2028|\u2029/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
      .normalize("NFC")
  );
}

/**
 * Joins blocks (paragraphs, posts, cells) into canonical text with exactly one `\n` between them,
 * returning the text and the start offset of each block.
 */
export function joinBlocks(blocks: readonly string[]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = "";
  for (const [index, block] of blocks.entries()) {
    if (index > 0) text += "\n";
    starts.push(text.length);
    text += canonicalText(block);
  }
  return { text, starts };
}
