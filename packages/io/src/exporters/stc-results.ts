/**
 * The results of a systematic text condensation as a Markdown document (STC-5): per code group its
 * analytic text, then per subgroup the condensate — always labelled as an artificial quotation,
 * never in quotation marks — and the illustrative quotes with their IDs (source and offsets), and
 * a methods paragraph naming Malterud's four steps. Condensates reach the page only through core's
 * `presentCondensate`, which is what labels them.
 */
import { writeFile } from "node:fs/promises";
import { presentCondensate, STC_METHODS_PARAGRAPH } from "@quire/core";
import { getStcOutline } from "@quire/db";
import type { Exporter } from "../exporter.js";

export const stcResultsExporter: Exporter = {
  format: "stc-results",
  description: "systematic text condensation: analytic texts, labelled condensates and quotes",
  extension: ".md",
  async write(store, project, path) {
    const outline = await getStcOutline(store, project.id);
    const lines: string[] = [`# ${project.name}: results`, ""];
    let condensates = 0;
    let quotes = 0;
    for (const group of outline.codeGroups) {
      lines.push(`## ${group.name}`, "");
      if (group.analyticText.trim() !== "") lines.push(group.analyticText.trim(), "");
      for (const subgroup of group.subgroups) {
        lines.push(`### ${subgroup.name}`, "");
        if (subgroup.condensate) {
          condensates++;
          lines.push(presentCondensate(subgroup.condensate).text, "");
        }
        for (const quote of subgroup.quotes) {
          quotes++;
          lines.push(`> “${quote.text}” (${quote.sourceTitle}, ${quote.start}–${quote.end})`, "");
        }
      }
    }
    lines.push("## Methods", "", STC_METHODS_PARAGRAPH, "");
    await writeFile(path, lines.join("\n"), "utf8");
    return {
      path,
      format: "stc-results",
      counts: { codeGroups: outline.codeGroups.length, condensates, quotes },
    };
  },
};
