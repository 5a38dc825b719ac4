// The length limits of a justification or a decision note, without the schemas that enforce them: client components
// that only show a counter or a maxLength import these, so the schema library stays out of their bundles.
export const JUSTIFICATION_MIN = 10;
export const JUSTIFICATION_MAX = 1000;
