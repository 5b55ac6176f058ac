/**
 * The workspace's portfolio: every organisation as a row group (with whether its managers see the
 * benchmark line), and under it each round with a box to pick it for a comparison, its status,
 * period, respondents, response rate and start-here level, and what can be done with it (report,
 * survey link, change, open, close). Names and titles are text, never HTML.
 */
import type { OrganisationListing } from "../../../src/routes/organisations.js";
import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import type { Translate as T } from "../i18n/index.js";

/** An organisation with its rounds as the API lists them (src/routes/organisations.ts). */
export type Organisation = OrganisationListing;

export interface PortfolioProps {
  organisations: readonly Organisation[];
  /** The ids of the rounds picked for a comparison; the boxes add and remove them. */
  selected: Set<string>;
  t: T;
  rateText(c: CampaignView): string;
  startText(c: CampaignView): string;
  setBenchmark(org: Organisation, shown: boolean): void;
  edit(c: CampaignView): void;
  open(c: CampaignView): void;
  close(c: CampaignView): void;
}

const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

/** What can be done with a round, separated by dots. */
function RoundLinks({
  c,
  t,
  edit,
  open,
  close,
}: { c: CampaignView } & Pick<PortfolioProps, "t" | "edit" | "open" | "close">) {
  const links = [<a href={`/dashboard?campaign=${encodeURIComponent(c.id)}`}>{t("report")}</a>];
  if (c.surveyPath)
    links.push(
      <a href={c.surveyPath} target="_blank" rel="noopener noreferrer">
        {t("surveyLink")}
      </a>,
    );
  if (c.status !== "closed")
    links.push(
      <button
        type="button"
        class="small secondary"
        aria-label={`${t("editRoundButton")}: ${c.title}`}
        onClick={() => edit(c)}
      >
        {t("editRoundButton")}
      </button>,
    );
  if (c.status === "draft")
    links.push(
      <button type="button" class="small" onClick={() => open(c)}>
        {t("openRound")}
      </button>,
    );
  if (c.surveyPath && c.status === "open")
    links.push(
      <button type="button" class="small" onClick={() => close(c)}>
        {t("closeRound")}
      </button>,
    );
  return <td>{links.flatMap((link, i) => (i === 0 ? [link] : [" · ", link]))}</td>;
}

export function Portfolio(props: PortfolioProps) {
  const { organisations, selected, t } = props;
  const head = [
    "compare",
    "round",
    "status",
    "workspace.period",
    "workspace.respondents",
    "responseRate",
    "workspace.startHere",
    "links",
  ] as const;
  return (
    <table>
      <thead>
        <tr>
          {head.map((key) => (
            <th scope="col">{t(key)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {organisations.map((org) => (
          <>
            <tr class="org-row">
              <th colspan={8} scope="rowgroup">
                <span>{org.name}</span>
                {org.benchmarkForManagers !== undefined && (
                  <label class="check small">
                    <input
                      type="checkbox"
                      checked={org.benchmarkForManagers}
                      onChange={(e: Event) => props.setBenchmark(org, checked(e))}
                    />
                    <span>{t("managersSeeBenchmark")}</span>
                  </label>
                )}
              </th>
            </tr>
            {org.campaigns.map((c) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(c.id)}
                    aria-label={`${t("compare")}: ${org.name} – ${c.title}`}
                    onChange={(e: Event) => (checked(e) ? selected.add(c.id) : selected.delete(c.id))}
                  />
                </td>
                <td>{c.title}</td>
                <td>{t(c.status)}</td>
                <td>{[c.opensOn, c.closesOn].filter(Boolean).join(" – ") || "–"}</td>
                <td class="num">{String(c.respondents)}</td>
                <td class="num">{props.rateText(c)}</td>
                <td>{props.startText(c)}</td>
                <RoundLinks c={c} t={t} edit={props.edit} open={props.open} close={props.close} />
              </tr>
            ))}
          </>
        ))}
      </tbody>
    </table>
  );
}
