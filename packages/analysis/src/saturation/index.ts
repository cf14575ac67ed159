/** Saturation: new codes per source, Guest et al. (2020), and Fugard & Potts (2015) sample size. */
export * from "./curve.js";
export * from "./guest.js";
export * from "./power.js";
