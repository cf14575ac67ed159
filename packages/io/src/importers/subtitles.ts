/**
 * Subtitles (.vtt WebVTT, .srt SubRip) as transcripts: cues become speaker turns with their times,
 * merged per consecutive speaker, and the speakers become cases as in any transcript.
 */
import { basename, extname } from "node:path";
import { isSourceKind, QuireError, SOURCE_KINDS } from "@quire/core";
import { cuesToTranscript, parseSubtitleCues, readTextFile } from "@quire/formats";
import { emptyReport, type FileImporter } from "../importer.js";
import { transcriptSource, writeTextSource } from "./text-source.js";

export const subtitlesImporter: FileImporter = {
  format: "subtitles",
  extensions: [".vtt", ".srt"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    const kind = options.kind ?? "interview";
    if (!isSourceKind(kind))
      throw new QuireError(
        "invalid_input",
        `unknown source kind "${kind}"; choose one of ${SOURCE_KINDS.join(", ")}`,
      );
    const format = extname(name).toLowerCase() === ".vtt" ? "vtt" : "srt";
    const cues = parseSubtitleCues(await readTextFile(path, { name }), format, name);
    const parsed = cuesToTranscript(cues, kind === "focus_group" ? "focus_group" : "interview");
    const title = basename(name, extname(name));
    const input = transcriptSource(parsed, {
      kind,
      title,
      metadata: {
        file: basename(name),
        format,
        cues: cues.length,
        duration: cues[cues.length - 1]?.end ?? null,
      },
    });
    return {
      async write(m, hooks) {
        const report = emptyReport(name, "subtitles");
        report.warnings.push(...parsed.warnings);
        return writeTextSource(m, hooks, name, input, options.replace, report);
      },
    };
  },
};
