/** The small part of jstat (which ships no types) that the statistics module uses. */
declare module "jstat" {
  const jstat: {
    jStat: {
      studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
    };
  };
  export default jstat;
}
