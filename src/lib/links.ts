/** The public survey link of a campaign. */
export function surveyUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${encodeURIComponent(token)}`;
}
