/**
 * The Framework Method's charting matrix as an Excel workbook (FW-3, FW-5): one row per case with
 * its attributes, one column per framework code headed "index name", grouped by category — one
 * sheet per category, or one sheet with every category's columns side by side. Flags are written
 * into the cells (`[unsummarised]`, `[not discussed]`, `[not yet charted]`) so that a printout
 * keeps them; verbatim quotes follow the summary on a line of their own. A last sheet holds the
 * framework: its codes with definitions, origins and the version they were added in.
 */
import { chartCellText, type MatrixRow } from "@quire/analysis";
import { getFramework, listAttributes } from "@quire/db";
import { writeXlsx, type XlsxSheet } from "@quire/formats";
import type { Exporter } from "../exporter.js";
import { loadChartMatrix } from "../methods.js";

export const frameworkXlsxExporter: Exporter = {
  format: "framework-xlsx",
  description: "the Framework Method's charting matrix as an Excel workbook",
  extension: ".xlsx",
  async write(store, project, path, options) {
    const matrix = await loadChartMatrix(store, project.id, {
      ...(options.where ? { where: options.where } : {}),
      ...(options.sort ? { sort: options.sort } : {}),
    });
    const framework = await getFramework(store, project.id);
    const attributes = (await listAttributes(store, project.id)).map((a) => a.name);
    const head = (row: MatrixRow) => [
      row.caseName,
      ...attributes.map((name) => (row.attributes[name] ?? null) as unknown),
    ];
    const sheets: XlsxSheet[] = [];
    let offset = 0;
    const groups = matrix.columns.map((column) => {
      const group = { column, from: offset };
      offset += column.codes.length;
      return group;
    });
    const header = (code: { abbreviation: string; name: string }) =>
      `${code.abbreviation} ${code.name}`;
    if (options.layout === "grouped") {
      sheets.push({
        name: "Matrix",
        columns: [
          "case",
          ...attributes,
          ...groups.flatMap(({ column }) =>
            column.codes.map((code) => `${column.categoryName}: ${header(code)}`),
          ),
        ],
        rows: matrix.rows.map((row) => [...head(row), ...row.cells.map(chartCellText)]),
      });
    } else {
      for (const { column, from } of groups)
        sheets.push({
          name: column.categoryName,
          columns: ["case", ...attributes, ...column.codes.map(header)],
          rows: matrix.rows.map((row) => [
            ...head(row),
            ...row.cells.slice(from, from + column.codes.length).map(chartCellText),
          ]),
        });
    }
    sheets.push({
      name: "Framework",
      columns: ["category", "index", "code", "definition", "origin", "other", "added_in_version"],
      rows: (framework?.categories ?? []).flatMap((category) =>
        category.codes.map((code) => [
          category.name,
          code.abbreviation,
          code.name,
          code.definition,
          code.origin,
          code.isOther ? "yes" : "",
          code.addedInVersion,
        ]),
      ),
    });
    await writeXlsx(path, sheets);
    return {
      path,
      format: "framework-xlsx",
      counts: { cases: matrix.rows.length, ...matrix.counts, version: framework?.version ?? 0 },
    };
  },
};
