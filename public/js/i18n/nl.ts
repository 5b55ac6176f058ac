/**
 * The Dutch catalogue: every text of the staff and respondent pages, and the one that defines the
 * keys — every other language's catalogue is typed by it, so a missing or extra key does not compile.
 * `{name}` is a placeholder that t(key, { name }) fills in.
 */
import type { RoundRefusal } from "../../../src/domain/campaign.js";
import type { PlanRefusal } from "../../../src/domain/disclosure-plan.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../../src/domain/password-length.js";
import type { PasswordProblem } from "../../../src/domain/password-rules.js";

export const nl = {
  // Shared by the staff pages (lib/ui.ts)
  errorStatus: "Fout {status}",
  logoutEverywhere: "Overal uitloggen",

  // Account pages: login, invitation, forgotten and new password
  appName: "Klantgerichtheid",
  loginTitle: "Inloggen",
  loginIntro: "Rapportage voor management en adviseurs",
  email: "E-mail",
  password: "Wachtwoord",
  logIn: "Inloggen",
  forgot: "Wachtwoord vergeten?",
  forgotTitle: "Wachtwoord vergeten",
  forgotIntro:
    "Vul je e-mailadres in: als er een account bij hoort, krijg je een link om een nieuw wachtwoord te kiezen.",
  sendLink: "Link sturen",
  linkOnItsWay:
    "Als er een account bij dit adres hoort, is er een e-mail met een link onderweg; de link werkt één keer, een uur lang.",
  backToLogin: "Terug naar inloggen",
  resetTitle: "Nieuw wachtwoord",
  resetIntro: "Minstens 12 tekens en niet makkelijk te raden. Daarna worden alle bestaande sessies beëindigd.",
  newPassword: "Nieuw wachtwoord",
  repeat: "Herhaal",
  setPassword: "Wachtwoord instellen",
  passwordSet: "Je wachtwoord is ingesteld: log in met je nieuwe wachtwoord.",
  toLogin: "Naar inloggen",
  invitationTitle: "Uitnodiging",
  invitationLoading: "Uitnodiging laden…",
  invited:
    "{email} is uitgenodigd voor de rapportages van {organisation}{units}; de uitnodiging verloopt op {expires}.",
  choosePasswordIntro:
    "Kies je eigen wachtwoord: minstens 12 tekens en niet makkelijk te raden (geen bekend wachtwoord, geen naam of e-mailadres). Een paar losse woorden werkt goed.",
  createAndAccept: "Account maken en aannemen",
  haveAccountIntro: "Je hebt al een account: log in om de uitnodiging aan te nemen.",
  logInAndAccept: "Inloggen en aannemen",
  linkIncomplete: "Deze link is onvolledig: open hem opnieuw vanuit de e-mail.",
  noConnection: "Geen verbinding. Probeer het opnieuw.",
  tooShort: `Minstens ${MIN_PASSWORD_LENGTH} tekens.`,
  differ: "De wachtwoorden verschillen.",
  // The server's error codes, and the password rule's problems.
  "error.codes_beyond_headcount":
    "Dat zijn meer codes dan de ronde medewerkers heeft: iedereen krijgt er één. Verhoog eerst het aantal medewerkers van de ronde (of van de afdelingen).",
  "error.invalid_credentials": "E-mail of wachtwoord klopt niet.",
  "error.too_many_attempts": "Te veel pogingen. Probeer het over {minutes} minuten opnieuw.",
  "error.invitation_not_found": "Deze uitnodiging bestaat niet (meer): vraag je adviseur om een nieuwe.",
  "error.invitation_expired": "Deze uitnodiging is verlopen: vraag je adviseur om een nieuwe.",
  "error.wrong_account": "Je bent ingelogd met een ander adres dan het uitgenodigde.",
  "error.log_in_to_accept": "Log in om de uitnodiging aan te nemen.",
  "error.consultant_account": "Dit adres hoort bij een adviseur en kan geen uitnodiging als manager aannemen.",
  "error.reset_link_invalid": "Deze link werkt niet (meer): vraag een nieuwe aan.",
  "password.too_long": `Een wachtwoord heeft hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
  "password.too_short": `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`,
  "password.contains_email": "Een wachtwoord mag je e-mailadres of de naam ervan niet bevatten.",
  "password.too_common":
    "Dit wachtwoord is te makkelijk te raden: het is bekend, of gemaakt van woorden, namen, data, herhalingen of toetsenbordpatronen. Probeer een paar losse woorden samen, of een wachtwoordmanager.",

  // The respondent's survey page (its chrome around the instrument)
  brand: "Anonieme medewerkersvragenlijst",
  privacyTitle: "Je antwoorden zijn anoniem",
  privacyStored: "Wij bewaren alleen je antwoorden, de groep die je kiest en de datum (geen tijdstip).",
  privacyNotStored: "Geen naam, e-mail, IP-adres, apparaat of cookies. Iedereen krijgt dezelfde link.",
  privacyGroups: "Groepsresultaten pas vanaf {k} antwoorden; opmerkingen vanaf {kComments}, zonder datum.",
  privacyWhen:
    "Niemand ziet resultaten zolang de ronde loopt: ze verschijnen pas {when}, in één keer, zodat geen enkel antwoord afzonderlijk te herkennen is.",
  whenClosed: "als de ronde sluit",
  "survey.whenDate": "na {date}, als de ronde sluit",
  retry: "Opnieuw versturen",
  sending: "Je antwoorden worden verstuurd…",
  "survey.stored":
    "Dank je wel! Je antwoorden zijn anoniem opgeslagen. De resultaten worden gedeeld {when}: alleen als cijfers van groepen van minstens {k} mensen, nooit losse antwoorden. Je kunt dit venster sluiten.",
  offline:
    "Versturen is niet gelukt, waarschijnlijk door de verbinding. Je antwoorden staan nog klaar: probeer het opnieuw.",
  rejected: "Je antwoorden konden niet worden opgeslagen: {message}",
  "survey.error.not_found": "Deze link is niet (meer) geldig.",
  "survey.error.campaign_closed": "Deze vragenlijst is gesloten.",
  "survey.error.campaign_not_open": "Deze vragenlijst is nog niet geopend.",
  codeLabel: "Vul de persoonlijke toegangscode in die je hebt gekregen",
  codePrivacy: "De code wordt alleen als gebruikt gemarkeerd. Hij wordt niet aan je antwoorden gekoppeld.",
  codeButton: "Verder",
  "survey.error.code_required": "Vul je toegangscode in.",
  "survey.error.invalid_code": "Deze code hoort niet bij deze vragenlijst. Controleer de tekens.",
  "survey.error.code_used": "Deze code is al gebruikt.",
  // 429: the server limits open-link answers and failed codes per network (the address is not stored).
  too_many_submissions:
    "Vanaf je netwerk zijn het afgelopen uur al veel antwoorden op deze vragenlijst verstuurd. Je antwoorden staan nog klaar: probeer het later opnieuw.",
  too_many_codes:
    "Vanaf je netwerk zijn te veel codes geprobeerd die niet werken. Probeer het over een kwartier opnieuw.",
  startOver: "Opnieuw beginnen (gedeeld apparaat)",
  startOverConfirm: "Alle antwoorden die je nog niet hebt verstuurd, worden van dit apparaat gewist. Doorgaan?",
  asking: "{organisation} vraagt je mee te doen aan: {title}",
  askingNoName: "Je wordt gevraagd mee te doen aan: {title}",
  "survey.contact": "Vragen over dit onderzoek? {contact}",
  load_failed: "De vragenlijst kon niet worden geladen. Probeer het later opnieuw.",

  // The dashboard
  organisation: "Organisatie",
  campaign: "Ronde",
  filterRole: "Rol",
  filterDepartment: "Afdeling",
  filterTenure: "Diensttijd",
  filterLocation: "Locatie",
  all_role: "Alle rollen",
  all_department: "Alle afdelingen",
  all_tenure: "Elke diensttijd",
  all_location: "Elke locatie",
  all_own: "{name}: alle",
  csv: "Excel (CSV)",
  csvData: "Data (CSV)",
  "dashboard.print": "PDF / afdrukken",
  pdfHint:
    "Rapport als PDF voor de klant: kies ‘PDF / afdrukken’ en dan als printer ‘Opslaan als PDF’. Elke pagina (A4) noemt organisatie, ronde, filter, datum en paginanummer.",
  logout: "Uitloggen",
  staircase: "De zeven niveaus, van boven naar beneden",
  "dashboard.startHere": "Hier moet de verandering beginnen",
  ruleNote:
    "Regel: het hoogste niveau dat zwak is (de hele marge onder de drempel) of verdeeld (medewerkers vallen op een vraag in twee kampen). Elk niveau wordt aangestuurd door het niveau erboven. Wijst geen niveau zich aan, dan het grootste verschil met hoe het zou moeten zijn. Onder 30 respondenten is het een aanwijzing.",
  heatDepartment: "Niveaus per afdeling",
  heatRole: "Niveaus per rol",
  heatLocation: "Niveaus per locatie",
  asTable: "Als tabel",
  "dashboard.factors": "Waar medewerkers een uitzondering op baseren",
  gap: "Management tegenover medewerkers",
  climate: "Beslisklimaat",
  comments: "Opmerkingen (willekeurige volgorde, zonder datum)",
  "dashboard.respondents": "{n} respondenten · minimale groep k = {k}",
  suppressed: "minder dan k respondenten",
  agreement: "overeenstemming",
  splitOn: "twee kampen op",
  noComments: "Opmerkingen worden alleen getoond voor de hele ronde of één afdeling, met minstens {k} respondenten.",
  noGap: "Niet te tonen: een van beide groepen is te klein.",
  wholeRound:
    "Deze ronde is beantwoord via een open link: daar kan iedereen vaker antwoorden, dus de resultaten staan alleen voor de ronde als geheel, zonder uitsplitsing naar afdeling of rol. Met eenmalige codes krijgt een volgende ronde wel uitsplitsingen.",
  tooSmall: "Deze ronde heeft nog minder dan {k} respondenten: er is niets te tonen.",
  /** The tables a release's plan gave up whole (disclosure-plan.ts PLAN_TABLES). */
  withheld:
    "Niet getoond om de anonimiteit te bewaken: {tables}. Met zoveel kleine groepen was niet te bewijzen dat niemand uit de cijfers te herleiden is; de andere overzichten zijn wel veilig.",
  "table.department_role": "afdeling × rol",
  "table.tenure": "de uitsplitsing naar dienstjaren",
  "table.role": "de uitsplitsing naar rol",
  "table.department": "de uitsplitsing naar afdeling",
  "refusedFilter.too_small": "Dit filter wordt geweigerd om de anonimiteit te beschermen: minder dan k respondenten.",
  "refusedFilter.hidden_unit":
    "Dit filter wordt geweigerd om de anonimiteit te beschermen: deze groep is verborgen, omdat zij samen met wat wel getoond wordt de antwoorden van minder dan k mensen zou prijsgeven.",
  "refusedFilter.not_offered":
    "Dit filter wordt geweigerd: de resultaten zijn er voor de hele ronde, per afdeling, rol of diensttijd en per afdeling en rol, niet voor deze combinatie.",
  "refusedFilter.campaign_level_only":
    "Deze ronde liep via een open link: de resultaten zijn er alleen voor de ronde als geheel.",
  "refusedFilter.outside_scope":
    "U heeft toegang tot de ronde als geheel en tot uw eigen afdelingen, niet tot deze groep.",
  legendOk: "in orde",
  legendWeak: "zwak",
  legendPossiblyWeak: "mogelijk zwak",
  legendDivided: "verdeeld (twee kampen)",
  legendStart: "hier beginnen",
  status_draft: "concept",
  status_open: "loopt",
  status_closed: "gesloten",
  "dashboard.released": "vrijgegeven op {date}",
  "dashboard.period": "{from} – {to}",
  response: "respons {pct}%",
  printHead: "{organisation} · {round} · {filter} · afgedrukt op {date}",
  noFilter: "alle respondenten",
  filtered: "Filter: {filter}",
  dimension_department: "afdeling",
  dimension_role: "rol",
  dimension_tenure: "diensttijd",
  dimension_location: "locatie",
  reportTitle: "Rapport",
  noCampaigns: "Er zijn nog geen rondes.",
  unit: "Eenheid",
  level: "Niveau",
  chosen: "Noemt dit",
  most: "Weegt het zwaarst",
  system: "Systeem",
  heart: "Hart / klant",
  management: "Management",
  staff: "Medewerkers",
  "dashboard.benchmark": "benchmark",
  benchmarkOfSet:
    "Benchmark (streepje op elke balk): normset van {date}, het gemiddelde van {organisations} organisaties, elk met hun laatste vrijgegeven ronde.",
  benchmarkForManager:
    "Benchmark (streepje op elke balk): het gemiddelde van de andere organisaties in de normset van uw adviseur; uw eigen organisatie telt niet mee.",
  "dashboard.noBenchmark":
    "Nog geen benchmark: publiceer in de werkruimte een normset zodra minstens vijf organisaties een vrijgegeven ronde hebben die k bereikte.",
  "dashboard.desired": "Hoe het is en hoe het zou moeten zijn",
  current: "Nu",
  wanted: "Gewenst",
  noDesired: "Deze ronde vroeg niet naar de gewenste situatie.",
  trend: "Ontwikkeling over de rondes",
  change: "Verandering",
  sharedBasis: "op de {n} vragen die beide versies delen",
  before: "Vorige",
  after: "Laatste",
  "dashboard.trendNote":
    "Laatste ronde tegenover de vorige. Verbeterd of verslechterd alleen als de verandering significant is na Holm-correctie over de niveaus (Welch-t-toets, p < 0,05) én minstens {min} punten is. Rondes op verschillende versies van de vragenlijst vergelijken een niveau op de vragen die beide versies delen. Alleen rondes met minstens k respondenten.",
  workspace: "Werkruimte",
  factor: "Beslisfactor",
  verdict: "Oordeel",

  // The consultant's workspace
  "workspace.appName": "Klantgerichtheid · werkruimte",
  reports: "Rapporten",
  portfolio: "Klanten en rondes",
  compareSelected: "Vergelijk geselecteerde rondes",
  compareHint: "Kies twee of meer rondes, ook van verschillende organisaties.",
  pickTwo: "Kies minstens twee rondes om te vergelijken.",
  comparison: "Vergelijking en benchmark",
  compare: "Vergelijk",
  round: "Ronde",
  status: "Status",
  "workspace.period": "Periode",
  "workspace.respondents": "Respondenten",
  responseRate: "Respons",
  "workspace.startHere": "Hier beginnen",
  links: "Links",
  report: "Rapport",
  surveyLink: "Vragenlijst",
  open: "open",
  closed: "gesloten",
  draft: "concept",
  belowK: "< k",
  afterClose: "na sluiting",
  closeRound: "Sluiten en vrijgeven",
  closeConfirm:
    "De ronde \u201c{title}\u201d sluiten en de resultaten vrijgeven? Dit is definitief: daarna kan niemand meer antwoorden en kan de ronde niet opnieuw open.",
  "workspace.released": "Resultaten van \u201c{title}\u201d vrijgegeven ({n} respondenten).",
  releaseNote:
    "Resultaten verschijnen pas als een ronde sluit: op de dag na de sluitdatum, of eerder met \u201cSluiten en vrijgeven\u201d. Zolang een ronde loopt is alleen de deelname te zien, want cijfers die met elk antwoord meebewegen verraden wat de laatste invuller antwoordde.",
  viaCodes: "{used} van {of} codes; geen aantal medewerkers ingevoerd",
  viaHeadcount: "{n} van {of} medewerkers, zoals ingevoerd",
  codesBeside: "{used} van {issued} codes gebruikt",
  rateNote:
    "Respons: respondenten gedeeld door het aantal uitgenodigde medewerkers dat u bij de ronde invoerde. Alleen zonder dat aantal telt een ronde met codes de gebruikte codes tegen de uitgegeven codes (één code per persoon); het ingevoerde aantal wordt nooit door het aantal codes vervangen.",
  headcountHint: "De basis van de respons. Leeg laten kan bij codes: dan telt het aantal uitgegeven codes.",
  managersSeeBenchmark: "managers zien de benchmarklijn",
  "workspace.benchmark": "Benchmark",
  benchmarkNote:
    "Benchmark: normset van {date}, het gemiddelde van {organisations} organisaties (elk met hun laatste vrijgegeven ronde). Tussen haakjes het percentiel van elke ronde per niveau onder die organisaties.",
  "workspace.noBenchmark":
    "Nog geen benchmark: publiceer hierboven een normset zodra minstens vijf organisaties een vrijgegeven ronde hebben die k bereikte.",
  normsTitle: "Benchmark: normsets",
  normLatest:
    "Huidige benchmark: normset van {date}, het gemiddelde van {organisations} organisaties ({campaigns} rondes, één per organisatie). Rapporten en vergelijkingen gebruiken deze set tot u een nieuwe publiceert.",
  noNormSet: "Nog geen benchmark: er is nog geen normset gepubliceerd.",
  normNeedsFive:
    "Een normset heeft minstens vijf organisaties nodig met een vrijgegeven ronde die k bereikte en alle zeven niveaus mat; nu zijn dat er {qualifying}.",
  normNeedsThreeNew:
    "Een nieuwe normset moet minstens drie organisaties toevoegen die niet in de vorige zaten (een nieuwere ronde van een organisatie die er al in zit telt niet); nu zijn dat er {added}.",
  normReadyFirst: "{qualifying} organisaties komen in aanmerking: u kunt de eerste normset publiceren.",
  normReadyNext:
    "{qualifying} organisaties komen in aanmerking, waarvan {added} nieuw: u kunt een nieuwe normset publiceren.",
  publishNorms: "Normset publiceren",
  normsNote:
    "Een normset wordt bevroren op het moment van publiceren: per organisatie het profiel van haar laatste vrijgegeven ronde die k bereikte, elke organisatie één keer. Later gesloten rondes veranderen hem niet. Managers die de benchmarklijn mogen zien, zien het gemiddelde zonder hun eigen organisatie, en pas als die in de set zit. Een nieuwe set moet minstens drie nieuwe organisaties toevoegen: anders verraadt het verschil tussen twee sets het profiel van één klant.",
  normPublished: "Normset gepubliceerd: {organisations} organisaties.",
  normConflict: "Er is tegelijk een andere normset gepubliceerd; hieronder staat nu de nieuwste.",
  earlierSets: "Eerdere normsets",
  madeOn: "Gepubliceerd",
  organisations: "Organisaties",
  excluded: "Niet vergeleken: {list}.",
  below_k: "minder dan k = {k} respondenten",
  not_released: "loopt nog, resultaten na sluiting",
  "workspace.factors": "Beslisfactoren (weegt het zwaarst)",
  rules: "Beleid of proces genoemd",
  "workspace.desired": "Nu tegenover gewenst (gewenst − nu)",
  noDesiredItems: "geen vragen over de gewenste situatie",
  quality: "Methodekwaliteit: Cronbachs alfa per niveau",
  qualityNote:
    "Alfa zegt of de vragen van een niveau één ding meten. Onder 0,7 (⚠) is de niveauscore minder betrouwbaar: bekijk de vragen.",
  trends: "Ontwikkeling over rondes",
  noTrend: "Deze organisatie heeft nog geen twee rondes met minstens k respondenten.",
  "workspace.trendNote":
    "Per niveau de verandering tussen opeenvolgende rondes, getoetst met Welch' t-toets. Verbeterd of verslechterd alleen als de verandering significant is na Holm-correctie over de niveaus van die stap (p < 0,05) én minstens {min} punten is. Rondes op verschillende versies van de vragenlijst vergelijken een niveau alleen op de vragen die beide versies delen (zelfde naam en niveau), met een voorzichtige toets; bij minder dan 2 gedeelde vragen is het niveau niet te vergelijken.",
  from: "Van",
  to: "Naar",
  codes: "Eenmalige toegangscodes",
  howMany: "Aantal",
  issueCodes: "Codes aanmaken",
  codesNote:
    "Codes worden één keer getoond: download of print ze meteen. De ronde vraagt daarna om een code. Een code wordt als gebruikt gemarkeerd, nooit aan antwoorden gekoppeld.",
  codesIssued: "{count} nieuwe codes. In totaal {issued} uitgegeven, {used} gebruikt.",
  downloadCsv: "CSV downloaden",
  printSheet: "Codevel afdrukken",
  newRound: "Nieuwe organisatie of ronde",
  newOrganisation: "Nieuwe organisatie",
  add: "Toevoegen",
  "workspace.title": "Titel",
  departments: "Afdelingen (één per regel)",
  unitsHint:
    "Met het aantal medewerkers achter een puntkomma (Klantcontact; 42) telt de respons per eenheid mee. Liggen de afdelingen op locaties, zet dan de locatie ervoor (Utrecht > Klantcontact; 42): rapporten tonen dan ook elke locatie.",
  ownRoles: "Eigen rollen (één per regel, maximaal 20)",
  ownTenure: "Eigen diensttijdgroepen of andere indeling (één per regel, maximaal 10)",
  ownUnitsHint: "Leeg laten: de vier standaardrollen en vier diensttijdgroepen.",
  thirdGrouping: "Derde indeling: eigen naam (optioneel)",
  thirdGroupingHint:
    "Gebruikt u de derde indeling voor iets anders dan diensttijd, bijvoorbeeld locatie of dienst? Geef dan de naam die rapporten tonen en de vraag die medewerkers beantwoorden, in beide talen. Leeg laten: diensttijd.",
  thirdGroupingLabelNl: "Naam (Nederlands), bijv. Locatie",
  thirdGroupingLabelEn: "Naam (Engels), bijv. Location",
  thirdGroupingQuestionNl: "Vraag (Nederlands), bijv. Op welke locatie werk je?",
  thirdGroupingQuestionEn: "Vraag (Engels), bijv. Where do you work?",
  structureFile: "Of lees de indeling uit een CSV van het HR-systeem",
  structureHint:
    "Kolommen afdeling, functie of rol, diensttijd en eventueel locatie en aantal; één regel per medewerker kan ook. Het bestand blijft in uw browser: alleen de namen en aantallen komen in het formulier. Andere kolommen, zoals namen, worden genegeerd.",
  structureProblems: "Het bestand is niet overgenomen: {count} probleem of problemen.",
  structureEmpty: "Het bestand bevat geen regels met een afdeling.",
  structureNoDepartment: "Geen kolom ‘afdeling’ of ‘department’ gevonden (kolommen: {headers}).",
  structureMissingLocation: "Regel {line}: geen locatie.",
  structureMissingDepartment: "Regel {line}: geen afdeling.",
  structureBadCount: "Regel {line}: ‘{value}’ is geen heel aantal.",
  structureNameTooLong: "Regel {line}: de naam van {grouping} is langer dan 80 tekens.",
  structureNameWithMark:
    "Regel {line}: de naam van {grouping} bevat een ‘>’, die het formulier leest als het einde van een locatie.",
  structureDepartmentTwice: "Regel {line}: er is al een afdeling ‘{name}’.",
  structureTooMany: "{grouping}: {count} verschillende namen, meer dan de {max} die een ronde kan hebben.",
  structureLocations: "Locaties: {locations}.",
  structureRead:
    "Gelezen: {staff} medewerkers in {departments} afdelingen, {roles} rollen en {bands} groepen. Controleer de velden en sla de ronde op.",
  structureFromRound: "Structuur overgenomen van ‘{title}’: pas aan wat sindsdien veranderd is.",
  structureIgnored: "Genegeerd: {columns}.",
  structureHeadcountTooLarge: '"{name}": meer dan {max} medewerkers.',
  rateColumn: "respons",
  rateOf: "{pct}% van {of}",
  instrument: "Vragenlijst",
  headcount: "Aantal uitgenodigde medewerkers",
  requireCode: "Alleen met een eenmalige code",
  codeHint:
    "Met eenmalige codes: resultaten ook per afdeling, rol en diensttijd, voor elke groep van minstens 5 (k) mensen.",
  openLinkHint:
    "Open link: resultaten alleen voor de ronde als geheel. Via een open link kan iedereen vaker antwoorden, dus een kleine afdeling zou met verzonnen antwoorden tot boven de 5 aangevuld kunnen worden; alleen codes maken dat aantal geloofwaardig.",
  createRound: "Ronde openen",
  "workspace.contact": "Contact voor vragen van medewerkers (op de vragenlijst)",
  saveDraft: "Opslaan als concept",
  opensOn: "Opent op",
  closesOn: "Sluit op",
  datesNote:
    "Een concept kunt u nog aanpassen en later openen. Na de sluitdatum worden de resultaten vanzelf vrijgegeven.",
  openRound: "Openen",
  openConfirm: "Ronde ‘{title}’ openen? Medewerkers kunnen dan antwoorden.",
  opened: "‘{title}’ is geopend.",
  created: "Aangemaakt: {title}. Link voor medewerkers: {link}",
  instruments: "Vragenlijsten",
  version: "Versie",
  source: "Bron",
  builtin: "standaard",
  own: "eigen",
  itemsPerLevel: "Vragen per niveau",
  desiredState: "Gewenste situatie",
  yes: "ja",
  no: "nee",
  upload: "Eigen vragenlijst uploaden",
  uploadNote:
    "SurveyJS-JSON met een instrumentId. Elke beoordelingsvraag hoort bij een van de zeven niveaus (level), teksten in het Nederlands en Engels. Opnieuw uploaden maakt een nieuwe versie; lopende rondes houden hun versie.",
  pasteJson: "Plak de JSON",
  orFile: "of kies een bestand",
  uploadButton: "Controleren en opslaan",
  notJson: "Dit is geen geldige JSON: {message}",
  "workspace.stored": "Opgeslagen als {id}, versie {version}.",
  missingLevels:
    "Let op: dit instrument vraagt niets over {levels}. De diagnose kan daar dus nooit beginnen, ook niet als dat niveau het probleem is.",

  // The staff summary page
  "summary.print": "Afdrukken",
  loading: "De samenvatting wordt geladen…",
  notFound: "Deze link werkt niet (meer). Vraag wie hem deelde om een nieuwe.",
  tooMany: "Te veel links geprobeerd vanaf dit netwerk. Probeer het later opnieuw.",
  failed: "De samenvatting kon niet worden geladen.",
  facts: "Resultaten vrijgegeven op {date} · {n} collega's deden mee",
  "summary.startHere": "Waar de verandering moet beginnen",
  startNote:
    "Elk niveau wordt aangestuurd door het niveau erboven. Daarom begint de verandering bij het hoogste niveau dat zwak is of waarop collega's verdeeld zijn.",
  levels: "De zeven niveaus, van boven naar beneden",
  levelsNote: "Scores van 0 tot 100: het gemiddelde van alle antwoorden van de ronde.",
  decisions: "Waar collega's een uitzondering op baseren",
  "summary.actions": "Wat we gaan doen",
  focus: "We richten ons op: {levels}.",
  noFocus: "Er zijn nog geen focusniveaus gekozen.",
  about: "Wat deze samenvatting laat zien",
  aboutText:
    "Alleen de resultaten van de ronde als geheel, omdat minstens {k} collega's antwoordden: geen afdelingen of teams, geen opmerkingen en geen antwoorden van één persoon. Niemand kan hieruit afleiden wat een collega antwoordde.",
  startMark: "hier beginnen",

  // The words of the diagnosis (lib/diagnosis-texts.ts): dashboard, workspace, action plan, summary
  weak: "zwak",
  possibly_weak: "mogelijk zwak",
  divided: "verdeeld",
  desired_gap: "grootste verschil met gewenst",
  driver: "sterkste drijfveer",
  noStart: "geen duidelijk beginpunt",
  unreliable: "niet betrouwbaar gemeten",
  /** The "weak" threshold, in the staircase's legend and the heatmap's. */
  weakThreshold: "drempel ‘zwak’: {w}",
  /** A heatmap column's own "weak" bar, where the bars differ per level. */
  columnBar: "drempel {w}",
  weakThresholdNorms: "drempel ‘zwak’: per niveau, naar de normen van uw adviseur (ronde: {w})",
  /** The 95% margin, in the staircase's legend and its table. */
  margin95: "95%-marge",
  // A trend step's verdict (src/domain/trends.ts TrendLabel), and "none" where no step was tested.
  improved: "verbeterd",
  declined: "verslechterd",
  no_significant_change: "geen significante verandering",
  not_meaningful: "significant, maar kleiner dan {min} punten",
  not_meaningful_small: "significant, maar klein",
  not_comparable: "niet vergelijkbaar: de versies delen minder dan 2 vragen",
  trend_none: "niet getoetst (rondes ertussen of onder k)",
  // The decision climate's scales (src/domain/factors.ts CLIMATE_SCALES), named as their items put it.
  climate_mandate: "Ruimte om af te wijken",
  climate_accountability_fear: "Angst om afgerekend te worden",
  climate_equal_treatment: "Uitzondering alleen als het voor iedereen kan",
  climate_blame_free: "Geen angst om afgerekend te worden",
  climate_case_by_case: "Ruimte om per klant te beslissen",

  // A running round's participation (dashboard) and when results come
  runningTitle: "Deze ronde loopt nog",
  releasePendingTitle: "De resultaten zijn nog niet vrijgegeven",
  runningWhy:
    "De resultaten verschijnen {when}, in één keer en daarna onveranderd. Tot dan is alleen de deelname te zien: als de cijfers tussentijds meebewogen, liet het verschil tussen twee keer kijken zien wat wie daartussen invulde, antwoordde.",
  "participation.whenDate": "na de sluitdatum ({date}) of als de ronde eerder wordt gesloten",
  participation: "{n} respondenten tot nu toe",
  rate: "respons {pct}% van {of}",
  perUnit: "Deelname per eenheid",
  perUnitNote:
    "Aantallen vanaf {k} respondenten; een kleinere eenheid blijft verborgen, en zo nodig de volgende kleinste erbij, zodat niets uit het totaal volgt.",
  hidden: "< k",
  department: "Afdeling",
  role: "Rol",
  tenure: "Dienstjaren",
  location: "Locatie",

  // The dashboard's analyses
  analyses: "Analyses",
  itemsTitle: "Per vraag",
  itemsNote:
    "Score 0–100 na omscoren (hoger is altijd klantgerichter); ‘twee kampen’: minstens een kwart eens en een kwart oneens. Waar sommigen ‘n.v.t.’ of ‘weet niet’ kozen, telt een vraag alleen wie hem beantwoordde (n); zo'n vraag staat er alleen als ook wie hem openliet niet te herleiden is.",
  question: "Vraag",
  favourable: "Eens",
  unfavourable: "Oneens",
  twoCamps: "twee kampen",
  "analyses.desiredItem": "Gewenst",
  facetsTitle: "Deelschalen en afstemming",
  facetsNote:
    "Score 0–100 per deelschaal; overeenstemming 0–1 (rwg(J)). Bij ‘eigen overtuiging’ is dat de afstemmingsindex: hoe laag, hoe minder medewerkers dezelfde waarden delen.",
  facet: "Deelschaal",
  agreementCol: "Overeenstemming",
  belief: "eigen overtuiging",
  perception: "gedeelde waarden (zoals ervaren)",
  ownership: "eigenaarschap",
  customer_view: "gedeeld klantbeeld",
  tailoring: "maatwerk of willekeur",
  mandate: "mandaat met vangnet",
  correlationsTitle: "Samenhang tussen de niveaus",
  correlationsNote:
    "Pearson-correlatie van de niveauscores van respondenten. De methode verwacht dat aangrenzende niveaus sterker samenhangen dan verre.",
  reliabilityTitle: "Betrouwbaarheid per niveau",
  reliabilityNote: "Cronbachs alfa met 95%-interval (Feldt): vanaf 0,70 meten de vragen van een niveau samen één ding.",
  driversTitle: "Wat het oordeel over klantgerichtheid drijft",
  driversNote:
    "Relatieve gewichten (Johnson, 2000): het aandeel van elk niveau in wat de niveaus samen verklaren van het cijfer 0–10 (R² = {r2}).",
  share: "Aandeel",
  noDrivers: "Niet beschikbaar: deze ronde heeft geen eindoordeel-vraag of minder dan 30 respondenten.",
  jointRoundOnly:
    "Samenhang tonen we alleen voor de hele ronde: zo wordt niemand herkenbaar door groepen met elkaar te vergelijken.",
  jointReleasedBefore:
    "Niet getoond: deze ronde is vrijgegeven voordat we per niveau nagingen of iemand herkenbaar zou zijn.",
  jointConcentrated:
    "Niet getoond voor {levels}: te weinig mensen antwoordden daar anders dan de rest, en zo\u2019n antwoord kan iemand herkenbaar maken.",

  // Heatmaps
  heatScale: "Kleurschaal 0–100",
  heatBelow: "gearceerd: score onder de drempel",
  heatDivided: "⇄ verdeeld (twee kampen)",
  heatHidden: "< k: minder dan k respondenten",
  belowThreshold: "onder de drempel",

  // The printed report
  pageOf: "pagina {page} van {pages}",

  // An action plan's actions (dashboard and summary)
  status_planned: "gepland",
  status_in_progress: "bezig",
  status_done: "klaar",
  planLevel: "Niveau",
  planTitle: "Actie",
  planOwner: "Eigenaar",
  planDue: "Klaar op",
  planStatus: "Status",
  planNoDate: "geen datum",
  planNoActions: "Nog geen acties.",

  // The dashboard's action plan
  planHeading: "Actieplan",
  planIntro:
    "Kies de niveaus waar u aan gaat werken (het niveau waar de verandering moet beginnen staat voorgeselecteerd) en leg per niveau acties vast. De eigenaar is een rol of de naam van wie verantwoordelijk is, nooit een respondent.",
  planReadOnly: "U leest dit plan; de adviseur of een manager van de hele organisatie past het aan.",
  planFocus: "Focusniveaus",
  planStartMark: "(hier beginnen)",
  planFocusSave: "Focus opslaan",
  planFocusSaved: "Focus opgeslagen.",
  planFocusOffered: "Nog niet opgeslagen: voorgesteld op grond van de diagnose.",
  planActions: "Acties",
  planAdd: "Actie toevoegen",
  planSaveChange: "Wijziging opslaan",
  planCancel: "Annuleren",
  planEdit: "Wijzigen",
  planManage: "Beheer",
  planRemove: "Verwijderen",
  planRemoveConfirm: "Deze actie verwijderen?",
  planEditing: "Actie wijzigen",
  planFull: "Het plan heeft het maximum van {n} acties.",
  planPrevious: "Acties van de vorige ronde ({title}) naast de ontwikkeling",
  planBefore: "Toen",
  planNow: "Nu",
  planChange: "Verandering",
  shareHeading: "Deel met medewerkers",
  shareIntro:
    "Een link naar een samenvatting voor medewerkers, zonder inloggen: de resultaten van de ronde als geheel, waar de verandering moet beginnen en de acties van dit plan. Geen afdelingen, geen opmerkingen, niets van een groep kleiner dan k.",
  shareCreate: "Link maken",
  shareReplace: "Nieuwe link (de oude stopt)",
  shareRevoke: "Link intrekken",
  shareCopy: "Kopiëren",
  shareCopied: "Gekopieerd.",
  shareLink: "Link voor medewerkers",
  shareOnce: "Deze link wordt maar één keer getoond: kopieer hem nu.",
  shareLive: "Er is een link sinds {date}. Alleen wie hem heeft kan de samenvatting lezen.",
  shareNone: "Er is geen link.",
  shareRevoked: "Link ingetrokken: hij werkt niet meer.",
  // What the server refuses, said in the page's language (the server's message is English).
  "actionPlan.error.too_many_actions":
    "Niet opgeslagen: het plan heeft al het maximum van {n} acties. Rond er een af of verwijder er een.",
  "actionPlan.error.forbidden":
    "Niet opgeslagen: u leest dit plan; de adviseur of een manager van de hele organisatie past het aan.",
  "actionPlan.error.too_small":
    "Deze ronde heeft minder dan k respondenten: er wordt niets van gepubliceerd, dus er is geen samenvatting om te delen.",
  "actionPlan.error.results_not_released":
    "De resultaten van deze ronde zijn nog niet vrijgegeven: een plan volgt na het sluiten.",
  "actionPlan.error.invalid_request":
    "Niet opgeslagen: controleer de velden (actie en eigenaar zijn verplicht, de datum moet bestaan).",
  "actionPlan.error.not_found": "Deze ronde of actie bestaat niet (meer). Laad de pagina opnieuw.",
  "actionPlan.noConnection": "Geen verbinding met de server: er is niets opgeslagen. Probeer het opnieuw.",
  "actionPlan.failed": "Er ging iets mis (fout {status}): er is niets opgeslagen. Probeer het opnieuw.",

  // Managers by invitation (workspace)
  managersTitle: "Managers",
  managersNote:
    "Managers komen alleen binnen via een uitnodiging: ze kiezen zelf hun wachtwoord, of nemen de uitnodiging aan met hun bestaande account. Of een adres al een account heeft, ziet u niet.",
  inviteEmail: "E-mailadres",
  inviteDepartments: "Alleen voor afdelingen (optioneel, gescheiden door ;)",
  invite: "Uitnodigen",
  invitedSent: "Uitnodiging gemaild naar {email}.",
  invitedLink: "Er is geen e-mail ingesteld: geef deze link zelf door aan {email}. Hij werkt één keer, tot {date}.",
  pendingStatus: "uitgenodigd, verloopt {date}",
  expiredStatus: "uitnodiging verlopen",
  managerStatus: "manager",
  wholeOrganisation: "hele organisatie",
  resend: "Opnieuw sturen",
  withdraw: "Intrekken",
  revoke: "Toegang intrekken",
  revokeConfirm: "De toegang van {email} tot {organisation} intrekken? Al hun sessies worden direct beëindigd.",
  revoked: "Toegang van {email} ingetrokken.",
  withdrawn: "Uitnodiging van {email} ingetrokken.",
  noManagers: "Nog geen managers of uitnodigingen.",
  scope: "Bereik",
  "managers.actions": "Acties",

  // The audit log (workspace)
  auditTitle: "Auditlog",
  auditNote:
    "Wie wat deed, per minuut: rapporten bekeken en gedownload (met het gevraagde filter), uitnodigingen en managers, inloggen en mislukte pogingen van managers, rondes geopend en gesloten, codes gemaakt. Over respondenten staat hier niets. Regels worden na 400 dagen verwijderd.",
  auditEmpty: "Nog niets vastgelegd.",
  auditMore: "Meer laden",
  auditWhen: "Wanneer",
  auditWhat: "Wat",

  // The round form (workspace)
  k: "Minimale groep (k) voor resultaten",
  kComments: "Minimale groep voor opmerkingen",
  kCommentsDefault: "leeg: max(k, 10)",
  editRound: "Ronde wijzigen: {title}",
  editRoundButton: "Wijzigen",
  saveChanges: "Wijzigingen opslaan",
  cancelEdit: "Annuleren",
  editDraftNote:
    "Een concept kunt u nog helemaal aanpassen. Na het openen liggen titel, afdelingen, vragenlijst en minimale groepen vast: medewerkers hebben ze gezien.",
  editOpenNote:
    "Deze ronde loopt: alleen de datums (de openingsdatum tot de ronde opent), het contact, het aantal medewerkers en de code-eis kunnen nog veranderen. Titel, afdelingen, vragenlijst en minimale groepen liggen vast, want medewerkers hebben ze gezien.",
  changed: "\u2018{title}\u2019 is gewijzigd.",
  nothingChanged: "Er is niets gewijzigd.",
  refused: "Niet opgeslagen:",
  "refusal.commentsBelowK": "mag niet kleiner zijn dan k",
  "refusal.codesNeedK": "een ronde met codes toont resultaten per afdeling en heeft daarom k van minstens 5 nodig",
  "refusal.datesOutOfOrder": "ligt vóór de openingsdatum",
  "refusal.fixedOnceOpen": "ligt vast sinds de ronde open is",
  "refusal.alreadyOpened": "de ronde is al geopend",
  "refusal.closesInPast": "ligt in het verleden; sluit de ronde met \u201cSluiten en vrijgeven\u201d",

  // The code sheet's options (workspace)
  sheetLanguage: "Taal van het codevel",
  bothLanguages: "Beide (Nederlands en English)",
  sheetLayout: "Vorm",
  layoutSheet: "Vel met een strook per code",
  layoutCards: "Losse kaartjes om uit te knippen (bankpasformaat)",

  // A printed code card, in the staff's language
  "codeCard.title": "Je persoonlijke toegangscode",
  "codeCard.scan":
    "Scan de QR-code met je telefoon of typ de link over: de code staat er al in. Zonder link: open de vragenlijst en vul de code in.",
  "codeCard.once": "De code werkt één keer en is niet aan je antwoorden gekoppeld.",

  // Instrument preview (workspace)
  preview: "Bekijken",
  previewOf: "Voorbeeld: {title} · v{version}",
  previewNote:
    "Zo vraagt deze versie het, per niveau en in beide talen. Bekijken slaat niets op en verandert geen ronde.",
  close: "Sluiten",
  reverse: "omgekeerd gescoord",
  "preview.desiredItem": "gewenste situatie",
  naItem: "met \u201cweet niet / n.v.t.\u201d",
  outcomeItem: "Uitkomst (0\u201310)",
  climateScale: "Beslisklimaat: {scale}",
  decisionFactors: "Beslisfactoren",
  groupingsTitle: "Indeling (afdeling, rol, diensttijd)",
  commentTitle: "Opmerking",
  itemsCount: "{n} vragen",

  // Instrument upload (workspace)
  problemsFound: "Niet opgeslagen: {n} problemen gevonden. Los ze op en upload opnieuw.",
  problemFound: "Niet opgeslagen: 1 probleem gevonden. Los het op en upload opnieuw.",

  // Staff invitations by e-mail (workspace)
  staffTitle: "Medewerkers uitnodigen per e-mail",
  staffNote:
    "Iedereen krijgt een eigen e-mail met een persoonlijke link waarin een eenmalige code zit. De code wordt nooit aan antwoorden gekoppeld. Voor medewerkers zonder e-mail is er het codevel met QR-codes.",
  staffRound: "Lopende ronde",
  staffNoRounds: "Geen lopende ronde die codes kan krijgen.",
  staffNoMail:
    "Er is geen e-mail ingesteld (SMTP_URL of MAIL_API_URL). Gebruik het codevel, of laat de beheerder e-mail instellen.",
  staffMode: "Herinneringen",
  staffModeReminders: "Herinneringen alleen aan wie nog niet antwoordde",
  staffModeRemindersHelp:
    "Tot de ronde sluit bewaart de server per uitnodiging een versleutelde sleutel van het adres naast de (versleutelde) code. Zo kan een herinnering alleen naar ongebruikte codes. Wie de database én de geheime sleutel van de server heeft, kan tot de sluiting zien wie zijn code gebruikte — nooit wat iemand antwoordde. Bij het sluiten wordt alles verwijderd.",
  staffModeNone: "Niets bijhouden",
  staffModeNoneHelp:
    "Er wordt per adres niets bewaard: de lijst wordt één keer gebruikt en weggegooid. Een herinnering gaat daarom naar iedereen, met een bedankje voor wie al antwoordde.",
  staffLanguages: "Taal van de e-mail",
  staffLangBoth: "Nederlands en Engels",
  staffLangNl: "Nederlands",
  staffLangEn: "Engels",
  staffList: "E-mailadressen (één per regel, of een CSV met een kolom e-mail)",
  staffFile: "Of kies een CSV-bestand",
  staffSend: "Uitnodigingen versturen",
  staffRemind: "Herinnering versturen (plak dezelfde lijst)",
  staffBusy: "Bezig met versturen…",
  staffState: "Uitgenodigd: {invited} ({mode}). Herinneringsrondes: {runs} van maximaal {max}.",
  staffCounts:
    "Verstuurd: {sent}. Mislukt: {failed}. Ongeldig: {invalid}. Dubbel: {duplicates}. Niet uitgenodigd: {notInvited}. Al geantwoord: {answered}. Maximum bereikt: {limitReached}. Al eerder uitgenodigd: {alreadyInvited}.",
  staffInvalidLines: "Ongeldige regels: {lines}",

  // Data protection (workspace)
  dpTitle: "Gegevensbescherming",
  dpNote:
    "Ruwe antwoorden worden al verwijderd als een ronde sluit. De bewaartermijn bepaalt hoe lang de vrijgegeven resultaten blijven: de opmerkingen gaan na de helft, de hele ronde aan het eind.",
  dpRetention: "Bewaartermijn (maanden, 12–120)",
  dpUntilDeleted: "Bewaren tot verwijderen",
  dpSave: "Bewaartermijn opslaan",
  dpSaved: "Bewaartermijn opgeslagen.",
  dpRetentionNowTitle: "Bewaartermijn van {months} maanden instellen?",
  dpRetentionNow:
    "Deze termijn is voor eerdere rondes al verstreken: binnen een minuut worden {rounds} vrijgegeven ronde(s) en {comments} opmerking(en) verwijderd.",
  dpRound: "Ronde",
  dpReleased: "Vrijgegeven",
  dpCommentsOn: "Opmerkingen weg op",
  dpRoundOn: "Ronde weg op",
  dpNever: "—",
  dpNoReleases: "Nog geen vrijgegeven rondes.",
  dpExport: "Alle gegevens downloaden (JSON)",
  dpDeleteOrganisation: "Organisatie verwijderen",
  dpRounds: "Rondes",
  dpManagers: "Managers",
  dpDeleteRound: "Verwijderen: {title}",
  dpDeleteAccount: "Account verwijderen: {email}",
  dpNoManagers: "Geen managers.",
  dpConfirmTitle: "{what} verwijderen?",
  dpRemoves: "Dit wordt verwijderd:",
  dpNothing: "Verder niets opgeslagen.",
  dpRunning:
    "Deze ronde loopt nog: de antwoorden van medewerkers gaan verloren zonder dat resultaten worden vrijgegeven.",
  dpFinal: "Dit kan niet ongedaan worden gemaakt. Download eerst de gegevens als u ze wilt bewaren.",
  dpCancel: "Annuleren",
  dpConfirm: "Definitief verwijderen",
  dpDeleted: "Verwijderd: {what}.",
  dpAuditKept: "{n} logregels blijven, zonder naam",
  dpNormSets: "{n} normsets houden de cijfers, zonder naam",
  // What goes, by kind (the keys of the server's counts).
  "dp.rounds": "rondes",
  "dp.responses": "ruwe antwoorden",
  "dp.receipts": "ontvangstbewijzen",
  "dp.releases": "vrijgegeven resultaten",
  "dp.groups": "gepubliceerde groepen",
  "dp.comments": "opmerkingen",
  "dp.codes": "toegangscodes",
  "dp.staffInvitations": "uitnodigingen van medewerkers",
  "dp.actionPlans": "actieplannen",
  "dp.planActions": "acties",
  "dp.summaryLinks": "links naar de samenvatting",
  "dp.managers": "toegangen van managers",
  "dp.invitations": "openstaande uitnodigingen",
  "dp.auditEntries": "logregels",
  "dp.sessions": "sessies",
  "dp.grants": "toegangen",
  "dp.resetLinks": "herstellinks",
  "dp.instruments": "vragenlijsten",
  "dp.normSets": "normsets",
} satisfies Record<string, string> &
  Record<`password.${PasswordProblem}`, string> &
  Record<`refusal.${RoundRefusal}`, string> &
  Record<`refusedFilter.${PlanRefusal | "outside_scope"}`, string>;

/** A text's key: one of the Dutch catalogue's. */
export type TextKey = keyof typeof nl;
/** A language's catalogue: a text for every key, and no other. */
export type Catalogue = Record<TextKey, string>;
