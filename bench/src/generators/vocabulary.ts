/**
 * The language model behind synthetic feedback and interviews: comment lengths and a word-bigram
 * chain learnt from the real NHS Friends and Family Test answers when the shared corpus is present,
 * so that generated text has realistic word frequencies, phrases ("very helpful") and lengths; a
 * small built-in model otherwise, so the bench still runs on a bare checkout.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { type Prng, WeightedPicker } from "../prng.js";

/** Relative to the repository root, as the design documents name it. */
export const NHS_CORPUS = "../shared/data/corpora/nhs_pxtextmining/v6framework_230831.csv";

export interface Vocabulary {
  /** Where the model came from, for the report. */
  origin: string;
  /** Character lengths of real comments, drawn uniformly: the empirical distribution itself. */
  lengths: readonly number[];
  /** Draws a word by its overall frequency. */
  unigram: WeightedPicker<string>;
  /** Draws the word following `word` by bigram frequency, or null when `word` never led another. */
  next(word: string, prng: Prng): string | null;
  /** Common words, most frequent first (for picking realistic search queries). */
  common: readonly string[];
}

const NON_RESPONSE = "did not answer";

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Reads the corpus if present; `root` is the repository root. */
export function loadVocabulary(root: string): Vocabulary {
  const path = resolve(root, NHS_CORPUS);
  if (!existsSync(path))
    return buildVocabulary(FALLBACK_TEXTS, FALLBACK_LENGTHS, "built-in fallback");
  const records = parse(readFileSync(path), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  // "Did not answer" is the survey's placeholder for a non-response, not a comment anyone wrote.
  const answers = records
    .map((record) => (record["FFT answer"] ?? "").trim())
    .filter((text) => text !== "" && text.toLowerCase() !== NON_RESPONSE);
  return buildVocabulary(
    answers,
    answers.map((text) => text.length),
    `${NHS_CORPUS} (${answers.length} answers)`,
  );
}

function buildVocabulary(
  texts: readonly string[],
  lengths: readonly number[],
  origin: string,
): Vocabulary {
  const unigrams = new Map<string, number>();
  const bigrams = new Map<string, Map<string, number>>();
  for (const text of texts) {
    let previous: string | null = null;
    for (const match of text.matchAll(WORD)) {
      const word = match[0].toLowerCase();
      unigrams.set(word, (unigrams.get(word) ?? 0) + 1);
      if (previous !== null) {
        let followers = bigrams.get(previous);
        if (!followers) {
          followers = new Map();
          bigrams.set(previous, followers);
        }
        followers.set(word, (followers.get(word) ?? 0) + 1);
      }
      previous = word;
    }
  }
  const words = [...unigrams.keys()];
  const unigram = new WeightedPicker(
    words,
    words.map((word) => unigrams.get(word) ?? 0),
  );
  // Pickers per leading word are built on first use: most words lead only a handful of others.
  const pickers = new Map<string, WeightedPicker<string> | null>();
  const next = (word: string, prng: Prng): string | null => {
    let picker = pickers.get(word);
    if (picker === undefined) {
      const followers = bigrams.get(word);
      picker = followers
        ? new WeightedPicker([...followers.keys()], [...followers.values()])
        : null;
      pickers.set(word, picker);
    }
    return picker ? picker.pick(prng) : null;
  };
  const common = [...unigrams.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  return { origin, lengths, unigram, next, common };
}

/** Generates a run of words of at least `length` characters, in sentences. */
export function generateText(vocabulary: Vocabulary, prng: Prng, length: number): string {
  const parts: string[] = [];
  let size = 0;
  let sentenceStart = true;
  let previous: string | null = null;
  while (size < length) {
    // One word in eight jumps back to the unigram draw so texts do not get stuck in one groove.
    let word: string | null =
      previous !== null && prng.next() >= 0.125 ? vocabulary.next(previous, prng) : null;
    word ??= vocabulary.unigram.pick(prng);
    previous = word;
    if (sentenceStart) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentenceStart = false;
    const ends = size + word.length + 1 >= length || prng.next() < 0.06;
    if (ends) {
      word += ".";
      sentenceStart = true;
    } else if (prng.next() < 0.04) word += ",";
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(" ");
}

// A few lines in the register of the FFT answers, for when the shared corpus is absent.
const FALLBACK_TEXTS = [
  "The staff were very friendly and helpful and explained everything clearly.",
  "Waiting time was too long and nobody told us what was happening.",
  "Excellent care from the nurses, thank you to all the team.",
  "The ambulance crew were kind and professional and made me feel safe.",
  "Could not get through on the phone to book an appointment.",
  "Good service, on time, polite driver, would recommend to friends and family.",
  "The ward was clean but the food was cold and there was not enough staff.",
  "My mum was treated with dignity and respect by the doctors and nurses.",
  "Communication between the services was poor and my records were lost.",
  "Very helpful staff who listened to me and involved me in my care plan.",
];

/** Roughly the shape of short survey answers: many short, a long tail. */
const FALLBACK_LENGTHS = [
  12, 18, 25, 31, 40, 48, 55, 62, 70, 80, 90, 104, 118, 130, 150, 175, 210, 260, 340, 480, 700,
  1100,
];
