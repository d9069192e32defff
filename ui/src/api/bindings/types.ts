// Generated from the Rust types by ts-rs; do not edit.
// Refresh: UPDATE_BINDINGS=1 cargo test -p wijkwaardenkaart-app bindings

export type AppError = { 
/**
 * Stable machine-readable code (`wrong_passphrase`, `invalid`, `locked`, …).
 */
code: string, 
/**
 * Dutch message a worker can act on.
 */
message: string, };

export type AppStatus = { 
/**
 * A store file exists at `db_path` (otherwise: first start).
 */
store_exists: boolean, unlocked: boolean, db_path: string, version: string, schema_version: number, };

export type Progress = { 
/**
 * What is being done, in Dutch ("Gesprekken", "Samenvoegen in de opslag").
 */
stage: string, done: number, total: number, 
/**
 * The file being handled, when there is one.
 */
file: string | null, };

export type ReportWritten = { out: string, bytes: number, 
/**
 * The report's title ("Wijkprofiel Lankforst").
 */
title: string, area: string, 
/**
 * The period in Dutch ("1 januari 2026 – 31 maart 2026").
 */
period: string, seconds: number, };

export type Profile = { 
/**
 * Set by the store; ignored on input.
 */
device_id: string, worker_name: string, team: string, device_name: string, };

export type Strength = { 
/**
 * 0 (refused) to 3 (strong).
 */
score: number, 
/**
 * Short Dutch label: "te kort", "zwak", "redelijk", "sterk".
 */
label: string, 
/**
 * What to do to improve it (Dutch), empty when strong.
 */
hint: string, };

export type Campaign = { id: string, name: string, team: string, goal: number, period_start: string, period_end: string, areas: Array<string>, complex_id: string | null, reach_band: ReachBand, programme: string | null, updated_at: string, };

export type CampaignInput = { 
/**
 * Set to update an existing campaign.
 */
id: string | null, name: string, team: string, goal: number, 
/**
 * `YYYY-MM-DD`
 */
period_start: string, 
/**
 * `YYYY-MM-DD`
 */
period_end: string, 
/**
 * Wijk codes (BU…) the campaign covers.
 */
areas: Array<string>, complex_id: string | null, 
/**
 * Target band for "% in gesprek" (reached / approached).
 */
reach_band: ReachBand, 
/**
 * The programme the campaign counts for in the year report ("In de
 * wijk"); empty for none.
 */
programme?: string, };

export type ReachBand = { min_pct: number, max_pct: number, };

export type TargetInput = { programme: string, year: number, households_min: number, households_max: number, reach_min_pct: number, reach_max_pct: number, };

export type ProgrammeTarget = { id: string, programme: string, year: number, households_min: number, households_max: number, reach_min_pct: number, reach_max_pct: number, updated_at: string, };

export type YearReport = { 
/**
 * "Jaarverantwoording 2026" or "Jaarverantwoording In de wijk 2026".
 */
title: string, year: number, programme: string | null, period: Period, organisation: string, generated_at: string, policy: SuppressionPolicy, 
/**
 * Progress against the targets of the year (the programme's, or every
 * programme's without one).
 */
targets: Array<TargetProgress>, 
/**
 * Why there is no target line, when there is none.
 */
targets_note: string | null, 
/**
 * Headers of the referral columns, in the order of `YearRow::referrals`.
 */
referral_targets: Array<string>, 
/**
 * The year as a whole (the first row of the table).
 */
total: YearRow, 
/**
 * One row per wijk with data in the year, each followed by its complexes.
 */
rows: Array<YearRow>, 
/**
 * Complexes left out of the table (below k households).
 */
notes: Array<string>, 
/**
 * The profile of the whole year: insights and accountability.
 */
profile: ReportModel, 
/**
 * The profile of every row, in the order of `rows` (a page each).
 */
areas: Array<ReportModel>, };

export type YearRow = { kind: RowKind, 
/**
 * BU0268… for a wijk, the complex's id, GM0268 for the total.
 */
code: string, name: string, 
/**
 * The stadsdeel of a wijk, the wijk of a complex.
 */
parent: string | null, approached: Cell, reached: Cell, reached_pct: number | null, reach_band: ReachBand, reach_status: string, 
/**
 * Households that asked for a follow-up.
 */
follow_ups: Cell, 
/**
 * Households with a voorzieningencheck.
 */
checks: Cell, 
/**
 * Checked households with an application, and with anything granted.
 */
applied: Cell, granted: Cell, 
/**
 * Real granted amounts, € per year.
 */
granted_eur: Amount, 
/**
 * The catalogue's estimate ("schatting") for entitlements not yet decided.
 */
potential_eur: Amount, 
/**
 * Referrals per organisation, in the order of `YearReport::referral_targets`.
 */
referrals: Array<Cell>, referrals_total: Cell, 
/**
 * Households taking part in something (participation signalled).
 */
participation: Cell, collective_actions: number, };

export type RowKind = "total" | "wijk" | "complex";

export type TargetProgress = { programme: string, households_min: number, households_max: number, approached: Cell, 
/**
 * "onder het doel", "binnen het doel", "boven het doel" or "niet te tonen".
 */
approached_status: string, reach_band: ReachBand, reached_pct: number | null, reach_status: string, };

export type CampaignProgress = { households: number, approached: number, reached: number, follow_ups: number, goal: number, };

export type CampaignSummary = { campaign: Campaign, progress: CampaignProgress, };

export type CampaignPage = { 
/**
 * Live campaigns in the store.
 */
total: number, 
/**
 * Position of the first item in the whole list.
 */
offset: number, items: Array<CampaignSummary>, };

export type AddressImport = { 
/**
 * Addresses in the file.
 */
rows: number, 
/**
 * Newly put on the walk list (the rest were on it already).
 */
added: number, };

export type AddressInput = { wijk_code: string, complex_id: string | null, street: string | null, number: number | null, addition: string | null, postcode: string | null, };

export type Contact = { name: string | null, phone: string | null, email: string | null, };

export type Household = { id: string, wijk_code: string, complex_id: string | null, street: string | null, number: number | null, addition: string | null, postcode: string | null, 
/**
 * Present only when the resident consented to being contacted again.
 */
contact: Contact | null, last_contact: string | null, };

export type Visit = { id: string, household_id: string, campaign_id: string | null, outcome: string, note: string, visited_at: string, author: string, };

export type VisitInput = { household_id: string, campaign_id: string | null, 
/**
 * Outcome code from the codes catalogue (e.g. `niet_thuis`, `gesprek`).
 */
outcome: string, note: string, 
/**
 * RFC 3339; defaults to now.
 */
visited_at: string | null, };

export type WalkEntry = { household_id: string, street: string, number: number | null, addition: string | null, 
/**
 * Earlier attempts, oldest first.
 */
attempts: Array<Visit>, 
/**
 * No further attempt needed (a final outcome was recorded).
 */
done: boolean, };

export type Sentiment = "valued" | "concern";

export type ValueTag = { value_id: string, sentiment: Sentiment, bevorderend: string, belemmerend: string, };

export type Quote = { id: string | null, text: string, 
/**
 * The resident agreed that this quote may be used (anonymously).
 */
consent_quoting: boolean, };

export type Consent = { 
/**
 * Agreement to register this conversation (linked to the address).
 */
registration: boolean, 
/**
 * Agreement that quotes may be used anonymously.
 */
quoting: boolean, 
/**
 * Agreement to be contacted again.
 */
recontact: boolean, };

export type ConversationInput = { id: string | null, household_id: string | null, visit_id: string | null, campaign_id: string | null, wijk_code: string, 
/**
 * `YYYY-MM-DD`
 */
held_on: string, workers: Array<string>, language: string, story: string, values: Array<ValueTag>, themes: Array<string>, quotes: Array<Quote>, consent: Consent, follow_up_wanted: boolean, follow_up_note: string, 
/**
 * Stored on the household, and only with recontact consent.
 */
contact: Contact | null, };

export type Conversation = { id: string, household_id: string | null, visit_id: string | null, campaign_id: string | null, wijk_code: string, held_on: string, workers: Array<string>, language: string, story: string, values: Array<ValueTag>, themes: Array<string>, quotes: Array<Quote>, consent: Consent, follow_up_wanted: boolean, follow_up_note: string, follow_up_done: boolean, author: string, updated_at: string, };

export type Draft = { key: string, 
/**
 * The form as the UI left it (JSON text).
 */
body: string, 
/**
 * RFC 3339 UTC.
 */
updated_at: string, };

export type Value = { id: string, label: string, description: string, bevorderend: Array<string>, belemmerend: Array<string>, builtin: boolean, retired: boolean, };

export type Fragment = { text: string, hit: boolean, };

export type SearchHit = { conversation_id: string, 
/**
 * `story` or `quote`.
 */
kind: string, held_on: string, wijk_code: string, 
/**
 * The household the conversation was held with (to open its check).
 */
household_id: string | null, fragments: Array<Fragment>, };

export type SearchIndexState = { 
/**
 * Stories and quotes merged in are still being indexed: search may miss them.
 */
pending: boolean, 
/**
 * Stories and quotes still to look at (an upper bound; 0 when not pending).
 */
remaining: number, };

export type CheckItemInput = { regulation_id: string, 
/**
 * Status code from the codes catalogue (e.g. `mogelijk_recht`).
 */
status: string, 
/**
 * Overrides the catalogue estimate (whole euros per year).
 */
estimated_yearly_eur: number | null, };

export type CheckInput = { id: string | null, household_id: string, conversation_id: string | null, 
/**
 * `YYYY-MM-DD`
 */
checked_on: string, screen: ScreenInput, items: Array<CheckItemInput>, };

export type CheckItem = { regulation_id: string, 
/**
 * The current status: the latest step, or else the status found at the check.
 */
status: string, 
/**
 * Date of the latest step (`None`: the status is the one found at the check).
 */
status_on: string | null, 
/**
 * The status found at the check itself.
 */
checked_status: string, 
/**
 * The quick screen indicates a possible entitlement ("mogelijk recht").
 */
screen_possible: boolean, 
/**
 * The catalogue's estimate ("schatting"), never added to granted amounts.
 */
estimated_yearly_eur: number | null, 
/**
 * The real granted amount as € per year, when the current status is granted.
 */
granted_yearly_eur: number | null, };

export type CheckSummary = { id: string, checked_on: string, 
/**
 * Date of the latest step, or the check's own date.
 */
last_step_on: string, 
/**
 * Items whose current status is an application without a decision.
 */
pending: number, };

export type Choice = { code: string, label: string, };

export type StepOptions = { helpers: Array<Choice>, periods: Array<Choice>, rejection_reasons: Array<Choice>, not_applied_reasons: Array<Choice>, 
/**
 * Other work in a check (debts, budget plan, benefit, FEW handover).
 */
actions: Array<Choice>, 
/**
 * Where a benefit was applied for.
 */
agencies: Array<Choice>, };

export type CheckStepInput = { check_id: string, regulation_id: string, 
/**
 * Status code from the codes catalogue (`aangevraagd`, `toegekend`, …).
 */
status: string, 
/**
 * `YYYY-MM-DD`, not before the check.
 */
step_on: string, 
/**
 * For `aangevraagd`: `formulierenbrigade`, `few` or `zelf`.
 */
helper: string | null, 
/**
 * For `toegekend`: the granted amount in cents, with its period.
 */
amount_cents: number | null, 
/**
 * `maand`, `jaar` or `eenmalig`.
 */
period: string | null, 
/**
 * For `toegekend`: when payment starts (defaults to the step's date).
 */
starts_on: string | null, 
/**
 * For `afgewezen` and `niet_aangevraagd`: a reason code.
 */
reason: string | null, };

export type CheckStep = { id: string, check_id: string, regulation_id: string, status: string, step_on: string, helper: string | null, amount_cents: number | null, period: string | null, starts_on: string | null, 
/**
 * The amount as € per year (one-off amounts count in full).
 */
yearly_eur: number | null, reason: string | null, author: string, };

export type ParticipationStepInput = { participation_id: string, 
/**
 * A code of [`STATUSES`].
 */
status: string, 
/**
 * `YYYY-MM-DD`, not before the participation was signalled.
 */
step_on: string, };

export type CollectiveActionInput = { 
/**
 * `None` for a new action; an id updates it.
 */
id: string | null, wijk_code: string, complex_id: string | null, title: string, 
/**
 * `YYYY-MM-DD`
 */
started_on: string, ended_on: string | null, 
/**
 * A code of [`STATUSES`].
 */
status: string, 
/**
 * Residents taking part: a count, never names.
 */
residents: number, 
/**
 * Value ids from the values catalogue.
 */
value_ids: Array<string>, themes: Array<string>, 
/**
 * Codes of [`PARTNERS`].
 */
partners: Array<string>, };

export type CollectiveAction = { id: string, wijk_code: string, complex_id: string | null, title: string, started_on: string, ended_on: string | null, status: string, residents: number, value_ids: Array<string>, themes: Array<string>, partners: Array<string>, };

export type CheckActionInput = { check_id: string, 
/**
 * `schulden`, `budgetplan`, `uitkering` or `few_overdracht`.
 */
kind: string, 
/**
 * For `uitkering`: `gemeente`, `uwv` or `svb`.
 */
agency: string | null, 
/**
 * `YYYY-MM-DD`, not before the check.
 */
done_on: string, };

export type CheckAction = { id: string, check_id: string, kind: string, agency: string | null, done_on: string, 
/**
 * The referral to the FEW a warm handover recorded.
 */
referral_id: string | null, };

export type PendingApplication = { check_id: string, household_id: string, regulation_id: string, regulation_name: string, 
/**
 * When the application was submitted (the step, or the check itself).
 */
applied_on: string, 
/**
 * Whole weeks since then.
 */
weeks: number, 
/**
 * Who helped: `formulierenbrigade`, `few`, `zelf` (unknown for an
 * application recorded at the check itself).
 */
helper: string | null, wijk_code: string, 
/**
 * "Meijhorst 12A".
 */
address: string | null, };

export type Check = { id: string, household_id: string, conversation_id: string | null, wijk_code: string, checked_on: string, screen: ScreenInput, catalog_year: number, items: Array<CheckItem>, 
/**
 * Every step after the check, oldest first.
 */
steps: Array<CheckStep>, 
/**
 * Debts, budget plan, benefit application, handover to the FEW.
 */
actions: Array<CheckAction>, };

export type ScreenResult = { regulation_id: string, name: string, level: string, possible: boolean, estimated_yearly_eur: number | null, estimate_note: string, source: string, };

export type ReferralInput = { household_id: string | null, conversation_id: string | null, wijk_code: string, 
/**
 * Target code from the codes catalogue (e.g. `few`).
 */
target: string, status: string, 
/**
 * `YYYY-MM-DD`
 */
proposed_on: string, due_on: string | null, note: string, };

export type Referral = { id: string, household_id: string | null, conversation_id: string | null, wijk_code: string, target: string, status: string, proposed_on: string, status_on: string, due_on: string | null, note: string, };

export type ParticipationInput = { household_id: string | null, conversation_id: string | null, 
/**
 * Defaults to the household's wijk.
 */
wijk_code: string, 
/**
 * A code of [`KINDS`].
 */
kind: string, topic: string, 
/**
 * `YYYY-MM-DD`
 */
signalled_on: string, };

export type Participation = { id: string, household_id: string | null, conversation_id: string | null, wijk_code: string, kind: string, topic: string, signalled_on: string, 
/**
 * The current status (the latest step, else `interesse`) and since when.
 */
status: string, status_on: string, };

export type Complex = { id: string, wijk_code: string, name: string, 
/**
 * The woningcorporatie that owns it, when known.
 */
corporation: string | null, 
/**
 * Households (not deleted) assigned to it.
 */
households: number, };

export type FollowUp = { conversation_id: string, held_on: string, wijk_code: string, wijk_name: string, 
/**
 * "Meijhorst 12A", or `None` for a street conversation.
 */
address: string | null, note: string, 
/**
 * Present only when the resident consented to being contacted again.
 */
contact: Contact | null, author: string, };

export type Counts = { campaigns: number, households: number, visits: number, conversations: number, value_tags: number, quotes: number, checks: number, check_items: number, referrals: number, participation: number, values: number, regulations: number, areas: number, };

export type OutcomeCode = { code: string, label: string, 
/**
 * One-key shortcut on the walk list.
 */
shortcut: string, approached: boolean, reached: boolean, is_final: boolean, description: string, };

export type CodeLabel = { code: string, label: string, description: string, 
/**
 * For statuses: no further action expected.
 */
closed: boolean, 
/**
 * For check statuses: how the status is counted (`non_take_up`, …).
 */
counts_as: string, 
/**
 * For referral targets: no longer offered for new referrals (older
 * referrals keep it).
 */
retired: boolean, };

export type RegulationInfo = { id: string, name: string, 
/**
 * `rijk`, `gemeente` or `fonds`.
 */
level: string, provider: string, description: string, estimate_note: string, source: string, };

export type AreaInfo = { code: string, name: string, 
/**
 * `stadsdeel` or `wijk`.
 */
kind: string, parent_code: string | null, };

export type Catalogs = { outcomes: Array<OutcomeCode>, referral_targets: Array<CodeLabel>, referral_statuses: Array<CodeLabel>, check_statuses: Array<CodeLabel>, 
/**
 * Who helped, periods and reasons for the steps of a check.
 */
check_steps: StepOptions, 
/**
 * Kinds of participation (Meedoen) and their statuses, in order.
 */
participation_kinds: Array<Choice>, participation_statuses: Array<Choice>, 
/**
 * Statuses and partners of a collective action.
 */
collective_statuses: Array<Choice>, collective_partners: Array<Choice>, regulations_year: number, regulations: Array<RegulationInfo>, screen_inputs: ScreenInputs, 
/**
 * "Indications, not decisions" text of the regulations catalogue.
 */
disclaimer: string, areas: Array<AreaInfo>, 
/**
 * Attribution that must accompany every map.
 */
map_attribution: string, };

export type AreaShape = { code: string, name: string, stadsdeel_code: string, 
/**
 * SVG path data in the map's view box.
 */
path: string, 
/**
 * A point inside the largest ring's bounding box, for a label.
 */
label_x: number, label_y: number, };

export type MapShapes = { width: number, height: number, attribution: string, wijken: Array<AreaShape>, };

export type MapCells = { code: string, name: string, approached: Cell, reached: Cell, 
/**
 * Reached as % of approached.
 */
reached_pct: number | null, conversations: Cell, 
/**
 * Empty when the wijk has too few conversations to show values.
 */
values: Array<ValueShare>, 
/**
 * Households with a voorzieningencheck (the latest check counts).
 */
checks: Cell, 
/**
 * Estimated yearly value of possible non-take-up per checked household
 * (whole euros): the profile's published total over its published number
 * of households, when both are shown and the base is large enough.
 */
potential_per_household: number | null, };

export type ValueShare = { id: string, 
/**
 * Conversations naming the value.
 */
named: Cell, 
/**
 * Share of the wijk's conversations, when publishable.
 */
named_pct: number | null, };

export type ReportModel = { 
/**
 * "Wijkprofiel Hengstdal".
 */
title: string, level: Level, area_code: string, area_name: string, 
/**
 * Stadsdeel of a wijk, for the cover.
 */
parent_name: string | null, 
/**
 * Campaign name and goal for a campaign report.
 */
campaign_name: string | null, period: Period, organisation: string, team: string, 
/**
 * RFC 3339; printed as a date on the cover and used as the PDF creation date.
 */
generated_at: string, policy: SuppressionPolicy, key_figures: KeyFigures, map: MapModel, values: Section<ValuesSection>, themes: Section<ThemesSection>, checks: Section<ChecksSection>, referrals: Section<ReferralsSection>, 
/**
 * Collective actions started in the period (listed even when there are
 * few conversations: they are about the area, not about residents).
 */
collective: CollectiveSection, 
/**
 * `None` when no comparison was asked for.
 */
development: Section<DevelopmentSection> | null, accountability: Accountability, };

export type Section<T> = { "status": "shown", "data": T } | { "status": "too_few", "data": string };

export type Level = "campaign" | "wijk" | "stadsdeel" | "city" | "complex";

export type Period = { from: string, to: string, };

export type Amount = number | string;

export type KeyFigures = { 
/**
 * Households where the door was tried (benaderd).
 */
approached: Cell, 
/**
 * Households where a resident was spoken to (bereikt).
 */
reached: Cell, 
/**
 * `reached / approached`, when publishable.
 */
reached_pct: number | null, conversations: Cell, follow_ups: Cell, referrals: Cell, checks: Cell, 
/**
 * The funnel: approached → reached → conversations → follow-up → referrals.
 */
funnel: Array<FunnelStep>, };

export type FunnelStep = { label: string, count: Cell, 
/**
 * Share of the first step, when publishable.
 */
pct_of_first: number | null, };

export type MapModel = { 
/**
 * Wijk codes of the report's area (highlighted).
 */
highlight: Array<string>, 
/**
 * For stadsdeel and city reports: wijken shaded by a measure.
 */
shading: Shading | null, attribution: string, };

export type Shading = { 
/**
 * "Gesprekken per wijk".
 */
measure: string, 
/**
 * Legend entries, lightest first; class 0 is "too few to show".
 */
classes: Array<string>, 
/**
 * Class index per wijk code (wijken of the area only).
 */
wijk_class: Array<[string, number]>, 
/**
 * (wijk name, code, conversations) for the table next to the map.
 */
per_wijk: Array<[string, string, Cell]>, };

export type ValuesSection = { 
/**
 * Conversations in the period: the base of every share.
 */
conversations: Cell, 
/**
 * Ranked by the share of conversations naming the value; values whose
 * count is hidden follow in alphabetical order (their rank would leak).
 */
rows: Array<ValueRow>, 
/**
 * Shares are percentages (`true`) or, below the percentage base, counts.
 */
as_pct: boolean, 
/**
 * Most frequent factors for the top values.
 */
top_factors: Array<ValueFactors>, };

export type ValueRow = { id: string, label: string, named: Cell, valued: Cell, concern: Cell, named_pct: number | null, valued_pct: number | null, concern_pct: number | null, };

export type ValueFactors = { label: string, bevorderend: Array<Factor>, belemmerend: Array<Factor>, };

export type Factor = { text: string, count: Cell, };

export type ThemesSection = { rows: Array<[string, Cell]>, 
/**
 * Conversations with a theme named fewer than k times (not listed by name).
 */
other: Cell | null, 
/**
 * Anonymous, scrubbed quotes (both consents given).
 */
quotes: Array<string>, 
/**
 * Why there are no quotes, when there are none.
 */
quotes_note: string | null, };

export type ChecksSection = { 
/**
 * Households with a voorzieningencheck in the period (latest check counts).
 */
households: Cell, 
/**
 * Of those, households with an application for any regulation (pending,
 * granted or rejected), and households with anything granted.
 */
applied_households: Cell, granted_households: Cell, rows: Array<RegulationRow>, 
/**
 * Granted yearly amounts: the real amounts entered, per year.
 */
total_granted: Amount, 
/**
 * Estimated ("schatting") yearly value of entitlements not (yet) decided:
 * possible non-take-up and pending applications. Never added to granted.
 */
total_potential: Amount, catalog_year: number, disclaimer: string, 
/**
 * "Dienst Toeslagen, bedragen zorgtoeslag 2026 (2026)" per regulation.
 */
sources: Array<string>, 
/**
 * Households with each other kind of work in their check (debts
 * inventoried, budget plan, benefit application, handover to the FEW).
 */
actions: Array<[string, Cell]>, 
/**
 * "Wie we bereikten": the checked households by household type, age
 * band and income band (each a breakdown of `households`).
 */
clients: Array<ClientGroup>, };

export type ClientGroup = { 
/**
 * "Samenstelling huishouden", "Leeftijd oudste volwassene", "Inkomen".
 */
title: string, rows: Array<[string, Cell]>, };

export type CollectiveSection = { actions: Array<CollectiveRow>, 
/**
 * "Er zijn in deze periode geen collectieve acties vastgelegd." when empty.
 */
note: string | null, };

export type CollectiveRow = { title: string, status: string, started_on: string, ended_on: string | null, residents: Cell, values: Array<string>, themes: Array<string>, partners: Array<string>, };

export type RegulationRow = { id: string, name: string, level: string, checked: Cell, receiving: Cell, non_take_up: Cell, applied: Cell, granted: Cell, 
/**
 * Rejected, not applicable or unknown: completes the line so it adds up.
 */
other: Cell, 
/**
 * Real granted amounts per year (see `ChecksSection::total_granted`).
 */
granted_eur: Amount, 
/**
 * Estimates for non-take-up and pending applications.
 */
potential_eur: Amount, };

export type ReferralsSection = { by_target: Array<[string, Cell]>, by_status: Array<[string, Cell]>, total: Cell, 
/**
 * Participation signalled in the period, by kind.
 */
participation: Array<[string, Cell]>, participation_total: Cell, 
/**
 * The same participation by current status (interesse … gestopt).
 */
participation_status: Array<[string, Cell]>, };

export type DevelopmentSection = { previous: Period, rows: Array<DevelopmentRow>, 
/**
 * Share of conversations naming each of the top values, now and before.
 */
values: Array<ValueChange>, };

export type DevelopmentRow = { label: string, current: Cell, previous: Cell, 
/**
 * Relative change in %, when both counts are published and the previous is non-zero.
 */
change_pct: number | null, };

export type ValueChange = { label: string, current_pct: number | null, previous_pct: number | null, };

export type Accountability = { method: Array<string>, sources: Array<string>, 
/**
 * (catalogue, version)
 */
catalogs: Array<[string, string]>, suppression: string, privacy: Array<string>, };

export type Cell = number | string;

export type ScreenInputs = { household_types: Array<HouseholdTypeDef>, age_groups: Array<OptionDef>, income_bands: Array<IncomeBandDef>, rent_bands: Array<RentBandDef>, };

export type ScreenInput = { household_type: string, age_group: string, income_band: string, rent_band: string, 
/**
 * Children under 18 in the household.
 */
children: number, };

export type HouseholdTypeDef = { id: string, label: string, adults: number, partner: boolean, };

export type OptionDef = { id: string, label: string, };

export type IncomeBandDef = { id: string, label: string, 
/**
 * Upper bound in % of the social minimum; `None` for the open top band.
 */
max_pct: number | null, unknown: boolean, };

export type RentBandDef = { id: string, label: string, rent: boolean, unknown: boolean, };

export type DemoSummary = { campaigns: number, households: number, visits: number, conversations: number, checks: number, referrals: number, };

export type CheckImportInput = { path: string, 
/**
 * Source whose saved mapping to use (empty: "standaard", or detected).
 */
source: string | null, 
/**
 * XLSX sheet (default: the first).
 */
sheet: string | null, dry_run: boolean, skip_invalid: boolean, };

export type CheckImportResult = { report: ImportReport, lines: Array<string>, };

export type RetentionSetting = { period: RetentionPeriod, 
/**
 * As typed: `18m`, `2y`, `540d`.
 */
text: string, 
/**
 * Dutch: "18 maanden".
 */
label: string, };

export type PurgeResult = { report: PurgeReport, 
/**
 * Nothing was (or would be) purged.
 */
empty: boolean, notice: string, };

export type TableLevel = "area" | "conversation" | "check" | "year";

export type TableFormat = "csv" | "xlsx";

export type AreaUnit = "wijk" | "stadsdeel" | "gebied";

export type TableRequest = { level: TableLevel, format: TableFormat, 
/**
 * BU0268…, WK0268… or GM0268 (default: the whole city).
 */
area: string | null, 
/**
 * First day included (default: the first day with data).
 */
from: string | null, 
/**
 * Last day included (default: the last day with data).
 */
to: string | null, 
/**
 * Area level only: what a row is (default: one row per wijk).
 */
per: AreaUnit, policy: SuppressionPolicy, 
/**
 * RFC 3339; `None` means now. Fixed in tests.
 */
generated_at: string | null, 
/**
 * Year level: the year.
 */
year?: number, 
/**
 * Year level: only the campaigns of this programme.
 */
programme?: string, 
/**
 * Area level: one row for this complex (its households only).
 */
complex?: string, };

export type TableSummary = { level: TableLevel, format: TableFormat, area_code: string, area_name: string, from: string | null, to: string | null, 
/**
 * (table name, rows)
 */
tables: Array<[string, number]>, rows: number, 
/**
 * Cells withheld by the small-number rules ("< k" or "x"), all tables.
 */
suppressed_cells: number, bytes: number, path: string | null, };

export type SuppressionPolicy = { 
/**
 * Counts below k are printed as "< k".
 */
k: number, 
/**
 * Percentages are only printed when their base is at least this.
 */
min_base_for_pct: number, };

export type ImportRequest = { 
/**
 * File name (decides CSV or XLSX; shown in the report and audit log).
 */
file_name: string, 
/**
 * Source whose saved mapping to use, and under which to save it.
 */
source: string | null, 
/**
 * An explicit mapping; saved for the source after a successful import.
 */
mapping: Mapping | null, 
/**
 * XLSX sheet (default: the first).
 */
sheet: string | null, 
/**
 * Only report what would happen.
 */
dry_run: boolean, 
/**
 * Import the good rows even when some rows are bad.
 */
skip_invalid: boolean, };

export type ColumnMap = { postcode: string | null, 
/**
 * House number, optionally with the addition ("12a").
 */
number: string | null, addition: string | null, street: string | null, 
/**
 * Wijk or stadsdeel, as CBS code or name.
 */
wijk: string | null, date: string | null, 
/**
 * Long layout: the regulation's name.
 */
regulation: string | null, 
/**
 * Long layout: the status.
 */
status: string | null, 
/**
 * Long layout: estimated yearly amount in euros (optional).
 */
estimate: string | null, 
/**
 * A stable key per check in the source (e.g. a file number); otherwise
 * household and date identify a check.
 */
row_key: string | null, household_type: string | null, age_group: string | null, income_band: string | null, rent_band: string | null, children: string | null, };

export type ScreenDefaults = { household_type: string, age_group: string, income_band: string, rent_band: string, children: number, };

export type Mapping = { 
/**
 * Name of the source (e.g. "formulierenbrigade").
 */
source: string, columns: ColumnMap, 
/**
 * Wide layout: header → regulation id.
 */
regulation_columns: { [key in string]: string }, 
/**
 * Extra names for regulations: spreadsheet text → regulation id.
 */
regulations: { [key in string]: string }, 
/**
 * Extra names for statuses: spreadsheet text → status code.
 */
statuses: { [key in string]: string }, defaults: ScreenDefaults, };

export type Action = "new" | "update" | "unchanged" | "deleted";

export type RowProblem = { line: number, reason: string, };

export type Unmapped = { value: string, lines: Array<number>, };

export type MappingOrigin = "given" | "saved" | "detected";

export type Outcome = "imported" | "dry_run" | "rejected";

export type ImportCounts = { new: number, updated: number, unchanged: number, 
/**
 * Deleted in the store; not brought back.
 */
deleted: number, };

export type PreviewCheck = { lines: Array<number>, household_id: string, checked_on: string, 
/**
 * (regulation name, status code)
 */
items: Array<[string, string]>, action: Action, };

export type ImportReport = { file: string, sha256: string, source: string, read_as: string, mapping: Mapping, mapping_origin: MappingOrigin, 
/**
 * Quick-screen answers assumed for missing columns.
 */
assumptions: Array<string>, rows: number, rows_valid: number, rows_invalid: number, checks: ImportCounts, problems: Array<RowProblem>, unmapped_regulations: Array<Unmapped>, unmapped_statuses: Array<Unmapped>, preview: Array<PreviewCheck>, outcome: Outcome, 
/**
 * When this exact file was imported before (audit log), if ever.
 */
previously_imported_at: string | null, };

export type Unit = "days" | "months" | "years";

export type RetentionPeriod = { amount: number, unit: Unit, };

export type PurgeRequest = { 
/**
 * Default: the store's retention setting.
 */
older_than: RetentionPeriod | null, 
/**
 * Count only; change nothing.
 */
dry_run: boolean, 
/**
 * Default: today (UTC). Set in tests.
 */
today: string | null, };

export type PurgeReport = { period: RetentionPeriod, 
/**
 * Records whose last contact is before this day were purged.
 */
cutoff: string, dry_run: boolean, households: number, conversations: number, quotes_deleted: number, visit_notes: number, referral_notes: number, checks: number, };

export type ResidentMatch = { household_id: string, 
/**
 * "Meijhorst 12A" (empty once purged).
 */
address: string, postcode: string | null, wijk_code: string, wijk: string, contact_name: string | null, last_contact: string | null, conversations: number, checks: number, 
/**
 * Personal data already removed (retention or erasure).
 */
purged: boolean, };

export type HouseholdRecord = { id: string, wijk_code: string, complex: string | null, street: string | null, number: number | null, addition: string | null, postcode: string | null, contact_consent: boolean, contact_name: string | null, contact_phone: string | null, contact_email: string | null, last_contact: string | null, created_at: string, purged: boolean, };

export type VisitRecord = { id: string, visited_at: string, outcome: string, campaign: string | null, note: string, worker: string, };

export type ParticipationRecord = { id: string, kind: string, topic: string, signalled_on: string, };

export type ResidentData = { generated_at: string, 
/**
 * What this document is, in Dutch, for the resident.
 */
explanation: string, household: HouseholdRecord, visits: Array<VisitRecord>, conversations: Array<Conversation>, checks: Array<Check>, referrals: Array<Referral>, participation: Array<ParticipationRecord>, };

export type EraseReport = { household_id: string, conversations: number, quotes_deleted: number, visit_notes: number, checks: number, referral_notes: number, participation_topics: number, };

export type ProtectionInput = { "kind": "recipients", keys: Array<string>, } | { "kind": "passphrase", passphrase: string, };

export type UnlockInput = { "kind": "identity", path: string, } | { "kind": "passphrase", passphrase: string, };

export type Scope = { 
/**
 * A wijk (`BU…`), stadsdeel (`WK…`) or the city (`GM0268`).
 */
area: string | null, 
/**
 * One campaign: its walk list, visits, conversations and what hangs off them.
 */
campaign: string | null, 
/**
 * Records changed on or after this date (`YYYY-MM-DD`).
 */
since: string | null, };

export type ExportReceipt = { file: string, exported_at: string, bytes: number, 
/**
 * The plaintext (manifest and payload) before packing: `bytes` is
 * usually about a seventh of it.
 */
plain_bytes: number, 
/**
 * The payload's identity: the BLAKE3 of the payload in hex.
 */
payload_id: string, scope: Scope, counts: { [key in string]: number }, records: number, 
/**
 * `sleutel` (for recipients) or `wachtwoord`.
 */
protection: string, recipients: Array<string>, };

export type MergeCounts = { new: number, updated: number, duplicate: number, conflict: number, rejected: number, };

export type FileSummary = { file: string, 
/**
 * The payload's identity (`PayloadInfo::id`): its SHA-256 in hex for
 * formats 1–3, its BLAKE3 from format 4.
 */
payload_id: string, format_version: number, app_version: string, source_device: string, device_name: string, worker: string, team: string, exported_at: string, scope: Scope, records: number, counts: { [key in string]: number }, catalog_versions: { [key in string]: string }, 
/**
 * When the same content was merged before, if ever.
 */
already_merged: string | null, 
/**
 * Recognised from its manifest as merged before and skipped: only the
 * manifest was read, nothing was applied.
 */
skipped: boolean, };

export type VerifyReport = { files: Array<FileSummary>, };

export type FileReceipt = { 
/**
 * What the merge did with this file's records.
 */
result: MergeCounts, 
/**
 * The same per table.
 */
tables: { [key in string]: MergeCounts }, file: string, 
/**
 * The payload's identity (`PayloadInfo::id`): its SHA-256 in hex for
 * formats 1–3, its BLAKE3 from format 4.
 */
payload_id: string, format_version: number, app_version: string, source_device: string, device_name: string, worker: string, team: string, exported_at: string, scope: Scope, records: number, counts: { [key in string]: number }, catalog_versions: { [key in string]: string }, 
/**
 * When the same content was merged before, if ever.
 */
already_merged: string | null, 
/**
 * Recognised from its manifest as merged before and skipped: only the
 * manifest was read, nothing was applied.
 */
skipped: boolean, };

export type MergeReceipt = { merged_at: string, 
/**
 * True when the merge was only simulated (nothing kept).
 */
dry_run: boolean, files: Array<FileReceipt>, totals: MergeCounts, 
/**
 * Catalogue documents updated by this merge ("codes 2026.2").
 */
catalogs_applied: Array<string>, 
/**
 * Conflicts waiting for review after this merge.
 */
open_conflicts: number, };

export type Keep = "local" | "incoming";

export type VersionView = { updated_at: string, device_id: string, author: string | null, deleted: boolean, 
/**
 * This is the version currently in the store.
 */
current: boolean, };

export type FieldDiff = { field: string, local: unknown, incoming: unknown, };

export type ConflictView = { id: number, table: string, 
/**
 * Dutch name of the kind of record.
 */
what: string, record_id: string, status: string, resolution: string | null, detected_at: string, merge_file: string, local: VersionView, incoming: VersionView, 
/**
 * Fields whose recorded content differs.
 */
differences: Array<FieldDiff>, };

export type KeyKind = "coordinator" | "own";

export type SavedKey = { id: number, kind: KeyKind, label: string, 
/**
 * The public key (`age1…`).
 */
public_key: string, 
/**
 * For own keys: where the identity file is.
 */
identity_path: string | null, added_at: string, };
