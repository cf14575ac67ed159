/**
 * `quire agree --table`: agreement statistics on a plain ratings table, as ReCal and R's irr do —
 * rows are units, columns are coders, an empty cell is a missing rating.
 */
import { readFile } from "node:fs/promises";
import { agreementFromTable } from "@quire/analysis";
import { QuireError } from "@quire/core";
import { parse } from "csv-parse/sync";
import type { Output } from "../output.js";

export interface AgreeOptions {
  table: string;
  measure: string;
  level?: string;
  weights?: string;
  header?: boolean;
}

export async function agreeCommand(options: AgreeOptions, out: Output): Promise<void> {
  let records: string[][];
  try {
    records = parse(await readFile(options.table, "utf8"), {
      bom: true,
      relaxColumnCount: false,
      skipEmptyLines: true,
    });
  } catch (error) {
    throw new QuireError("invalid_input", `${options.table}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const rows = (options.header === false ? records : records.slice(1)).map((row) =>
    row.map((cell) => (cell.trim() === "" ? null : cell.trim())),
  );
  if (rows.length === 0)
    throw new QuireError("invalid_input", `${options.table} has no rows of ratings`);
  const result = agreementFromTable(rows, {
    measure: options.measure as never,
    ...(options.level ? { level: options.level as never } : {}),
    ...(options.weights ? { weights: options.weights as never } : {}),
  });
  out.result(result, (r) => {
    const value = (r as { value: number | null }).value;
    out.line(
      `${options.measure}${options.level ? ` (${options.level})` : ""} = ${value === null ? "undefined" : value.toFixed(4)}`,
    );
    const reason = (r as { reason?: string }).reason;
    if (reason) out.line(reason);
  });
}
