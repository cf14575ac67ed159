/**
 * Inter-coder agreement: the measures, their accumulators, the ratings-table entry point and the
 * conversion of coded text into their inputs.
 */
export * from "./alpha.js";
export * from "./coded-text.js";
export * from "./fleiss.js";
export * from "./gamma.js";
export * from "./legacy-unitizing.js";
export * from "./percent.js";
export * from "./table.js";
export * from "./two-coder.js";
export * from "./unitized.js";
export {
  type CodeValue,
  type MaybeValue,
  type UndefinedReason,
  undefinedReasonText,
} from "./values.js";
