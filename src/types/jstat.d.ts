/** The small part of jstat (which ships no types) that the statistics module uses. */
declare module "jstat" {
  const jstat: {
    jStat: {
      studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
      centralF: { inv(p: number, df1: number, df2: number): number };
    };
  };
  export default jstat;
}
