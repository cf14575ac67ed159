/**
 * The bundle model the REFI-QDA readers and writers share; it is defined in `@quire/core` so that
 * the store can use the same types.
 */
export {
  type BundleCase,
  type BundleCode,
  type BundleCoding,
  type BundleEnd,
  type BundleNote,
  type BundlePart,
  type BundleProject,
  type BundleSelection,
  type BundleSet,
  type BundleSource,
  type BundleUser,
  type BundleValue,
  type BundleVariable,
  bundleParts,
  collectBundle,
  PART_ORDER,
  type ProjectBundle,
  VARIABLE_TYPES,
  type VariableType,
} from "@quire/core";
