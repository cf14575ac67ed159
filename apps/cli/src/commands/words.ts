/**
 * `quire words`: the most frequent words (English stop-words left out) in the whole project, one
 * source or a code's passages, and with --kwic every occurrence of a word in its context.
 */
import { ENGLISH_STOP_WORDS, keywordsInContext, wordFrequencies } from "@quire/analysis";
import { findCode, findSource, runCodeQuery, sourceTexts } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { visibleCoder } from "./blind-scope.js";
import { count } from "./segments.js";

export interface WordsOptions extends GlobalOptions {
  code?: string;
  source?: string;
  top?: string;
  kwic?: string;
  context?: string;
  keepStopWords?: boolean;
}

/** Enough for any study; a code's passages are read in one go. */
const ALL = 1_000_000;

export async function wordsCommand(
  location: string,
  options: WordsOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const { store, project } = session;
    let texts: { text: string; label: string; offset: number }[];
    let scope: string;
    if (options.code !== undefined) {
      const code = await findCode(store, project.id, options.code);
      const coder = visibleCoder(session, undefined);
      const answer = await runCodeQuery(
        store,
        project.id,
        { codes: [code.id], ...(coder ? { coder } : {}) },
        { limit: ALL, context: 0 },
      );
      texts = answer.segments.map((s) => ({ text: s.text, label: s.sourceTitle, offset: s.start }));
      scope = `the ${texts.length} passages of ${code.name}`;
    } else if (options.source !== undefined) {
      const source = await findSource(store, project.id, options.source);
      texts = (await sourceTexts(store, project.id, { sourceIds: [source.id] })).map((s) => ({
        text: s.text,
        label: s.title,
        offset: 0,
      }));
      scope = `"${source.title}"`;
    } else {
      texts = (await sourceTexts(store, project.id)).map((s) => ({
        text: s.text,
        label: s.title,
        offset: 0,
      }));
      scope = `all ${texts.length} sources`;
    }
    if (options.kwic !== undefined) {
      const lines = keywordsInContext(texts, options.kwic, count(options.context, "--context", 40));
      out.result({ word: options.kwic, scope, lines }, () => {
        out.line(
          `${lines.length} occurrence${lines.length === 1 ? "" : "s"} of "${options.kwic}" in ${scope}`,
        );
        out.line(
          table(
            ["source", "offset", "before", "", "after"],
            lines.map((l) => [
              l.label,
              l.start,
              l.before.slice(-40),
              l.match,
              l.after.slice(0, 40),
            ]),
            40,
          ),
        );
      });
      return;
    }
    const result = wordFrequencies(
      texts.map((t) => t.text),
      {
        top: count(options.top, "--top", 30),
        stopWords: options.keepStopWords ? new Set() : ENGLISH_STOP_WORDS,
      },
    );
    out.result({ scope, ...result }, () => {
      out.line(
        `top words in ${scope} (${result.totalWords} words counted, ${result.distinctWords} distinct)`,
      );
      out.line(
        table(
          ["word", "count", "texts"],
          result.words.map((w) => [w.word, w.count, w.texts]),
        ),
      );
    });
  });
}
