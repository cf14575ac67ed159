/** How commands speak: aligned tables and short lines for people, JSON for scripts. */

export interface Output {
  json: boolean;
  /** A human line on stdout (suppressed in JSON mode). */
  line(text?: string): void;
  /** The command's result: JSON in JSON mode, else printed by `human`. */
  result<T>(value: T, human: (value: T) => void): void;
  /** Progress and notes for people, on stderr so that stdout stays clean for pipes. */
  note(text: string): void;
}

export function createOutput(json: boolean, out: NodeJS.WritableStream = process.stdout): Output {
  return {
    json,
    line(text = "") {
      if (!json) out.write(`${text}\n`);
    },
    result(value, human) {
      if (json) out.write(`${JSON.stringify(value, null, 2)}\n`);
      else human(value);
    },
    note(text) {
      if (!json) process.stderr.write(`${text}\n`);
    },
  };
}

/** Formats rows as a plain table with aligned columns; cells are cut at `maxWidth` characters. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  maxWidth = 60,
): string {
  const cells = [headers, ...rows].map((row) =>
    row.map((cell) => clip(cell === null || cell === undefined ? "" : String(cell), maxWidth)),
  );
  const widths = headers.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? "").length)),
  );
  return cells
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function clip(text: string, width: number): string {
  // Leading spaces are kept: they show a tree's depth.
  const indent = /^ */.exec(text)?.[0] ?? "";
  const flat = indent + text.slice(indent.length).replace(/\s+/g, " ");
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}
