/** The small part of jstat (which ships no types) that the statistics module uses. */
declare module "jstat" {
  export const jStat: {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
  };
}
