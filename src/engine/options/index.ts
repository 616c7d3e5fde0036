/** Option pricing for the covered-call strategy: Black–Scholes–Merton and the normal distribution. */
export type { OptionGreeks } from "../simulation-types.ts";
export type { BlackScholesInput, OptionType, OptionValuation } from "./black-scholes.ts";
export { THETA_DAYS_PER_YEAR, blackScholes, blackScholesGreeks, blackScholesPrice } from "./black-scholes.ts";
export { erfc, normCdf, normPdf } from "./normal.ts";
