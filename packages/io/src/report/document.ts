/**
 * Lays the gathered report out as blocks, section by section, for the HTML and Word writers alike:
 * the findings in the shape the method gives them (themes; framework categories and the charting
 * matrix; STC code groups with condensates; otherwise the codebook), the coding tree, the
 * derivation of themes, counts by attribute, the charts and the COREQ checklist.
 */
import { barChartSvg, heatmapSvg, saturationCurveSvg } from "@quire/analysis";
import { presentCondensate } from "@quire/core";
import type { ReportBlock, ReportDocument } from "@quire/formats";
import type { ReportData, ReportQuote, ReportTheme } from "./gather.js";

const METHOD_LABELS: Record<string, string> = {
  reflexive_ta: "reflexive thematic analysis",
  codebook_ta: "codebook thematic analysis",
  framework: "the Framework Method",
  stc: "systematic text condensation",
  thematic_synthesis: "thematic synthesis",
  content_analysis: "qualitative content analysis",
};

const DESCRIPTIVE =
  "Counts are descriptive: they say where codes were applied, not how much a finding matters.";

function quotes(list: readonly ReportQuote[], withId = false): ReportBlock[] {
  return list.map((quote) => ({
    kind: "quote",
    text: quote.text,
    label: withId ? `${quote.label}; ID ${quote.id}` : quote.label,
  }));
}

function themeBlocks(theme: ReportTheme, level: 2 | 3): ReportBlock[] {
  const blocks: ReportBlock[] = [
    {
      kind: "heading",
      level,
      text: `${level === 3 ? "Subtheme: " : ""}${theme.name}${theme.isMisc ? " (miscellaneous)" : ""}`,
    },
    { kind: "paragraph", label: "Status", text: theme.status },
    {
      kind: "paragraph",
      label: "Central organising concept",
      text: theme.concept.trim() || "not yet written",
    },
    { kind: "paragraph", label: "Definition", text: theme.definition.trim() || "not yet written" },
  ];
  if (theme.codes.length > 0)
    blocks.push({ kind: "paragraph", label: "Codes", text: theme.codes.join("; ") });
  blocks.push(...quotes(theme.quotes));
  for (const sub of theme.subthemes) blocks.push(...themeBlocks(sub, 3));
  return blocks;
}

function stcSection(data: ReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  if (data.stc) {
    blocks.push({
      kind: "heading",
      level: 1,
      text: "Findings: code groups (systematic text condensation)",
      id: "stc",
    });
    for (const group of data.stc) {
      blocks.push({ kind: "heading", level: 2, text: group.name });
      if (group.analyticText.trim() !== "")
        blocks.push({ kind: "paragraph", text: group.analyticText.trim() });
      for (const subgroup of group.subgroups) {
        blocks.push({ kind: "heading", level: 3, text: subgroup.name });
        if (subgroup.condensate) {
          // The only way a condensate reaches a reader: labelled, in brackets, never a quotation.
          const shown = presentCondensate(subgroup.condensate);
          blocks.push({ kind: "condensate", label: shown.label, text: shown.text });
        }
        blocks.push(...quotes(subgroup.quotes, true));
      }
    }
  }
  return blocks;
}

function frameworkSection(data: ReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  if (data.framework) {
    blocks.push({
      kind: "heading",
      level: 1,
      text: "Findings: the analytical framework",
      id: "framework",
    });
    const matrix = data.framework.matrix;
    for (const category of data.framework.categories) {
      blocks.push({ kind: "heading", level: 2, text: category.name });
      blocks.push({
        kind: "table",
        header: ["Index", "Code", "Origin", "Definition"],
        rows: category.codes.map((code) => [
          code.abbreviation,
          code.name,
          code.origin.replace(/_/g, " "),
          code.definition,
        ]),
      });
    }
    blocks.push({ kind: "heading", level: 2, text: "Charting matrix summary" });
    blocks.push({
      kind: "paragraph",
      text: `${matrix.rows.length} cases × ${matrix.columns.reduce((n, c) => n + c.codes.length, 0)} codes: ${Object.entries(
        matrix.counts,
      )
        .map(([state, n]) => `${n} ${state.replace(/_/g, " ")}`)
        .join(", ")} cells. The full matrix is in the framework-xlsx export.`,
    });
    blocks.push({
      kind: "table",
      header: ["Category", "Code", "charted", "unsummarised", "not discussed", "not yet charted"],
      rows: matrix.columns.flatMap((column) =>
        column.codes.map((code, index) => {
          const states = matrix.rows.map(
            (row) => row.cells.find((cell) => cell.codeId === code.codeId)?.state,
          );
          const n = (state: string) => String(states.filter((s) => s === state).length);
          return [
            index === 0 ? column.categoryName : "",
            code.name,
            n("charted"),
            n("unsummarised"),
            n("not_discussed"),
            n("not_yet_charted"),
          ];
        }),
      ),
    });
  }
  return blocks;
}

function themeSection(data: ReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  if (data.themes.length > 0) {
    blocks.push({ kind: "heading", level: 1, text: "Findings: themes", id: "themes" });
    blocks.push({
      kind: "paragraph",
      note: true,
      text: `Quotations are labelled with the case${data.labelAttributes.length > 0 ? ` and ${data.labelAttributes.join(", ")}` : ""}.`,
    });
    for (const theme of data.themes) blocks.push(...themeBlocks(theme, 2));
    if (data.discardedThemes.length > 0)
      blocks.push({
        kind: "paragraph",
        label: "Discarded themes",
        text: data.discardedThemes.join("; "),
      });
  }
  return blocks;
}

function codebookSection(data: ReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  blocks.push({
    kind: "heading",
    level: 1,
    text: "Codebook with exemplar quotations",
    id: "codebook",
  });
  for (const code of data.codes) {
    blocks.push({ kind: "heading", level: 2, text: code.path });
    if (code.definition.trim() !== "")
      blocks.push({ kind: "paragraph", label: "Definition", text: code.definition });
    blocks.push(...quotes(data.codeQuotes[code.id] ?? []));
  }
  return blocks;
}

/**
 * The findings: the method's own structure first, then any other structure the project also holds
 * (a reflexive TA project may condense a few subgroups too); the codebook with exemplars where no
 * method structure carries the quotations.
 */
function findings(data: ReportData): ReportBlock[] {
  const method = data.project.method;
  const primary =
    method === "stc"
      ? [stcSection, themeSection, frameworkSection]
      : method === "framework"
        ? [frameworkSection, themeSection, stcSection]
        : [themeSection, stcSection, frameworkSection];
  const blocks = primary.flatMap((section) => section(data));
  const codebookNeeded =
    !["reflexive_ta", "framework", "stc"].includes(method) || blocks.length === 0;
  return codebookNeeded ? [...blocks, ...codebookSection(data)] : blocks;
}

/** The whole report as blocks. */
export function reportDocument(data: ReportData): ReportDocument {
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: `Analysed by ${METHOD_LABELS[data.project.method] ?? data.project.method}. Report written ${data.generatedAt.slice(0, 10)} by Quire ${data.softwareVersion}.${data.crosstab ? ` Groups compared by ${data.crosstab.attribute}.` : ""}`,
    },
    ...findings(data),
  ];

  blocks.push({ kind: "heading", level: 1, text: "Coding tree", id: "coding-tree" });
  blocks.push({
    kind: "table",
    header: ["Code", "Codings", "Sources"],
    rows: data.codes.map((code) => [
      `${"\u00a0\u00a0".repeat(code.depth)}${code.name}`,
      String(code.codings),
      String(code.sources),
    ]),
  });

  blocks.push({ kind: "heading", level: 1, text: "Derivation of themes", id: "derivation" });
  blocks.push({
    kind: "paragraph",
    note: true,
    text: "From the project's audit log: codes and themes created, renamed, merged and moved, status changes and phase moves, with the rationale given at the time.",
  });
  blocks.push({
    kind: "list",
    ordered: true,
    items:
      data.derivation.length > 0
        ? data.derivation.map(
            (entry) =>
              `${entry.at.slice(0, 16).replace("T", " ")} — ${entry.summary} (${entry.actor})${entry.rationale ? `; rationale: ${entry.rationale}` : ""}${entry.undone ? " [undone]" : ""}`,
          )
        : ["No analytic changes are recorded yet."],
  });

  const figures: ReportBlock[] = [];
  const coded = data.codes.filter((code) => code.codings > 0);
  if (data.crosstab && data.crosstab.groups.length > 0) {
    const table = data.crosstab;
    blocks.push({ kind: "heading", level: 1, text: `Counts by ${table.attribute}`, id: "counts" });
    blocks.push({ kind: "paragraph", note: true, text: DESCRIPTIVE });
    blocks.push({
      kind: "table",
      header: ["Code", ...table.groups.map((g) => `${g.value} (N=${g.cases})`)],
      rows: table.rows.map((row) => [
        row.code,
        ...row.cells.map((cell, i) => {
          const n = table.groups[i]?.cases ?? 0;
          return `${cell.cases}/${n} cases, ${cell.passages} ${cell.passages === 1 ? "passage" : "passages"}`;
        }),
      ]),
    });
    figures.push({
      kind: "figure",
      caption: `Code frequencies by ${table.attribute} (coded passages; descriptive)`,
      file: "figure-1-code-frequencies.svg",
      svg: barChartSvg({
        title: `Code frequencies by ${table.attribute}`,
        categories: table.rows.map((r) => r.code),
        series: table.groups.map((g, i) => ({
          name: g.value,
          values: table.rows.map((r) => r.cells[i]?.passages ?? 0),
        })),
        valueLabel: "coded passages",
        categoryLabel: "code",
      }),
    });
    figures.push({
      kind: "figure",
      caption: `Cases with each code, as a share of the cases in each ${table.attribute} group (descriptive)`,
      file: "figure-2-crosstab.svg",
      svg: barChartSvg({
        title: `Cases with the code, % of each ${table.attribute} group`,
        categories: table.rows.map((r) => r.code),
        series: table.groups.map((g, i) => ({
          name: g.value,
          values: table.rows.map((r) =>
            g.cases > 0 ? Math.round((1000 * (r.cells[i]?.cases ?? 0)) / g.cases) / 10 : 0,
          ),
        })),
        valueLabel: `% of cases in the ${table.attribute} group`,
        categoryLabel: "code",
        unit: "%",
      }),
    });
  } else {
    figures.push({
      kind: "figure",
      caption: "Code frequencies (coded passages; descriptive)",
      file: "figure-1-code-frequencies.svg",
      svg: barChartSvg({
        title: "Code frequencies",
        categories: coded.map((c) => c.name),
        series: [{ name: "passages", values: coded.map((c) => c.codings) }],
        valueLabel: "coded passages",
        categoryLabel: "code",
      }),
    });
  }
  if (data.cooccurrence.codes.length > 1)
    figures.push({
      kind: "figure",
      caption: "Co-occurrence: pairs of overlapping passages per pair of codes (descriptive)",
      file: "figure-3-cooccurrence.svg",
      svg: heatmapSvg({
        title: "Code co-occurrence",
        rows: data.cooccurrence.codes,
        columns: data.cooccurrence.codes,
        values: data.cooccurrence.values,
        rowLabel: "code",
        columnLabel: "code",
      }),
    });
  if (data.saturation.length > 0)
    figures.push({
      kind: "figure",
      caption:
        data.project.method === "reflexive_ta"
          ? "New codes per source in collection order (descriptive; reflexive TA does not use saturation as a criterion)"
          : `New codes per source in collection order. ${data.guest?.statement ?? ""}`.trim(),
      file: "figure-4-new-codes.svg",
      svg: saturationCurveSvg({
        title: "New codes per source",
        points: data.saturation.map((p) => ({
          label: p.label,
          newCodes: p.newCodes,
          cumulative: p.cumulative,
        })),
      }),
    });
  blocks.push({ kind: "heading", level: 1, text: "Charts", id: "charts" }, ...figures);

  blocks.push({ kind: "heading", level: 1, text: "COREQ checklist (32 items)", id: "coreq" });
  blocks.push({
    kind: "paragraph",
    note: true,
    text: "Tong, Sainsbury & Craig (2007). Each item is marked computed (from the project's data), prefilled (from what the researchers entered) or needs the researcher (with what to write).",
  });
  blocks.push({
    kind: "table",
    header: ["No", "Domain", "Item", "Reported", "Filled"],
    rows: data.coreq.map((item) => [
      String(item.number),
      item.domain,
      item.item,
      item.value,
      item.status,
    ]),
  });
  return {
    title: `${data.project.name}: report of findings`,
    subtitle: `${METHOD_LABELS[data.project.method] ?? data.project.method} · ${data.codes.length} codes · written by Quire ${data.softwareVersion}`,
    blocks,
  };
}
