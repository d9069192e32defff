// Typed wrappers around every backend command, grouped by screen.
import { Channel } from '@tauri-apps/api/core';
import { call } from './client';
import type {
  AddressImport,
  CheckImportInput,
  CheckImportResult,
  EraseReport,
  Mapping,
  PurgeResult,
  ResidentData,
  ResidentMatch,
  RetentionSetting,
  TableRequest,
  TableSummary,
  AppStatus,
  Campaign,
  CampaignInput,
  CampaignPage,
  Catalogs,
  Check,
  Complex,
  CheckInput,
  CheckAction,
  CollectiveAction,
  CollectiveActionInput,
  CheckActionInput,
  CheckStep,
  CheckStepInput,
  CheckSummary,
  Conversation,
  ConversationInput,
  Counts,
  DemoSummary,
  Draft,
  ConflictView,
  ExportReceipt,
  Keep,
  MergeReceipt,
  ProtectionInput,
  SavedKey,
  Scope,
  UnlockInput,
  VerifyReport,
  FollowUp,
  Household,
  MapCells,
  MapShapes,
  Profile,
  CampaignProgress,
  Progress,
  Participation,
  ParticipationInput,
  ParticipationStepInput,
  PendingApplication,
  Referral,
  ReferralInput,
  ReportModel,
  ReportWritten,
  ProgrammeTarget,
  TargetInput,
  YearReport,
  ScreenInput,
  ScreenResult,
  SearchHit,
  SearchIndexState,
  Strength,
  Value,
  Visit,
  VisitInput,
  WalkEntry,
} from './bindings/types';

export type ProfileInput = Pick<Profile, 'worker_name' | 'team' | 'device_name'>;

// Session -------------------------------------------------------------------
export const appStatus = () => call<AppStatus>('app_status');
export const createStore = (passphrase: string, profile: ProfileInput) =>
  call<Profile>('create_store', { passphrase, profile: { device_id: '', ...profile } });
export const unlock = (passphrase: string) => call<Profile>('unlock', { passphrase });
export const lock = () => call<null>('lock');
export const changePassphrase = (old: string, newPassphrase: string) =>
  call<null>('change_passphrase', { old, new: newPassphrase });
export const getProfile = () => call<Profile>('get_profile');
export const setProfile = (profile: ProfileInput) =>
  call<Profile>('set_profile', { profile: { device_id: '', ...profile } });

// Catalogues ----------------------------------------------------------------
export const catalogs = () => call<Catalogs>('catalogs');
export const values = (includeRetired = false) => call<Value[]>('values', { includeRetired });
export const addValue = (label: string, description: string) =>
  call<Value>('add_value', { label, description });
export const renameValue = (id: string, label: string) => call<Value>('rename_value', { id, label });
export const retireValue = (id: string, retired: boolean) =>
  call<Value>('retire_value', { id, retired });
export const counts = () => call<Counts>('counts');

// Rondes ----------------------------------------------------------------------
/** One page of campaigns with progress; `focus` asks for the page holding that campaign. */
export const campaigns = (offset: number, limit: number, focus: string | null = null) =>
  call<CampaignPage>('campaigns', { offset, limit, focus });
/** All campaigns, without progress (for choosing one). */
export const campaignList = () => call<Campaign[]>('campaign_list');
export const saveCampaign = (input: CampaignInput) => call<Campaign>('save_campaign', { input });
export const campaignProgress = (id: string) => call<CampaignProgress>('campaign_progress', { id });
export const addAddressRange = (
  campaignId: string,
  wijkCode: string,
  range: string,
  postcode: string | null,
) => call<number>('add_address_range', { campaignId, wijkCode, range, postcode });
export const importAddressesFile = (campaignId: string, wijkCode: string, path: string) =>
  call<AddressImport>('import_addresses_file', { campaignId, wijkCode, path });
export const addComplexAddresses = (campaignId: string) =>
  call<number>('add_complex_addresses', { campaignId });

// Complexen -------------------------------------------------------------------
export const complexes = (wijkCode: string | null) => call<Complex[]>('complexes', { wijkCode });
export const createComplex = (wijkCode: string, name: string, corporation: string | null = null) =>
  call<Complex>('create_complex', { wijkCode, name, corporation });
export const updateComplex = (id: string, name: string, corporation: string | null) =>
  call<Complex>('update_complex', { id, name, corporation });
export const assignToComplex = (complexId: string, postcode: string, from: number | null, to: number | null) =>
  call<Complex>('assign_to_complex', { complexId, postcode, from, to });

// Looplijst -------------------------------------------------------------------
export const walkList = (campaignId: string) => call<WalkEntry[]>('walk_list', { campaignId });
export const recordVisit = (input: VisitInput) => call<Visit>('record_visit', { input });
export const deleteVisit = (id: string) => call<null>('delete_visit', { id });

// Gesprek ---------------------------------------------------------------------
export const saveConversation = (input: ConversationInput, draftKey: string | null) =>
  call<Conversation>('save_conversation', { input, draftKey });
export const getConversation = (id: string) => call<Conversation>('get_conversation', { id });
export const getHousehold = (id: string) => call<Household>('get_household', { id });
export const saveDraft = (key: string, body: string) => call<Draft>('save_draft', { key, body });
export const getDraft = (key: string) => call<Draft | null>('get_draft', { key });
export const listDrafts = () => call<Draft[]>('list_drafts');
export const discardDraft = (key: string) => call<null>('discard_draft', { key });

// Zoeken ----------------------------------------------------------------------
export const search = (query: string, limit = 50) => call<SearchHit[]>('search', { query, limit });
export const searchIndexState = () => call<SearchIndexState>('search_index_state');
export const indexSearchStep = () => call<SearchIndexState>('index_search_step');

// Voorzieningencheck ----------------------------------------------------------
export const quickScreen = (input: ScreenInput) => call<ScreenResult[]>('quick_screen', { input });
export const saveCheck = (input: CheckInput) => call<Check>('save_check', { input });
export const getCheck = (id: string) => call<Check>('get_check', { id });
export const householdChecks = (householdId: string) =>
  call<CheckSummary[]>('household_checks', { householdId });
export const recordCheckStep = (input: CheckStepInput) =>
  call<CheckStep>('record_check_step', { input });
export const recordCheckAction = (input: CheckActionInput) =>
  call<CheckAction[]>('record_check_action', { input });
export const saveCollectiveAction = (input: CollectiveActionInput) =>
  call<CollectiveAction>('save_collective_action', { input });
export const collectiveActions = (area: string) => call<CollectiveAction[]>('collective_actions', { area });
export const pendingApplications = (limit: number) =>
  call<PendingApplication[]>('pending_applications', { limit });
export const pendingWeeks = () => call<number>('pending_weeks', {});
export const setPendingWeeks = (weeks: number) => call<number>('set_pending_weeks', { weeks });
export const createReferral = (input: ReferralInput) =>
  call<Referral>('create_referral', { input });
export const setReferralStatus = (id: string, status: string, on: string) =>
  call<Referral>('set_referral_status', { id, status, on });
export const recordParticipation = (input: ParticipationInput) =>
  call<Participation>('record_participation', { input });
export const householdParticipation = (householdId: string) =>
  call<Participation[]>('household_participation', { householdId });
export const recordParticipationStep = (input: ParticipationStepInput) =>
  call<Participation>('record_participation_step', { input });
export const openParticipation = (limit: number) => call<Participation[]>('open_participation', { limit });

// Opvolging -------------------------------------------------------------------
export const openFollowUps = (limit = 200) => call<FollowUp[]>('open_follow_ups', { limit });
export const setFollowUpDone = (id: string, done: boolean) =>
  call<null>('set_follow_up_done', { id, done });
export const openReferrals = (limit = 200) => call<Referral[]>('open_referrals', { limit });

// Kaart en dashboard ----------------------------------------------------------
export const mapShapes = () => call<MapShapes>('map_shapes');
/** Per wijk the published cells the map colours by (the wijk profiles' own cells). */
export const mapCells = (from: string | null, to: string | null) =>
  call<MapCells[]>('map_cells', { from, to });
/** The anonymous area profile: the same cells the PDF prints. */
export const areaDashboard = (code: string, from: string | null, to: string | null, complex: string | null = null) =>
  call<ReportModel>('area_dashboard', { code, from, to, complex });

// Lange taken -----------------------------------------------------------------
export function generateDemo(
  households: number,
  seed: number,
  onProgress: (p: Progress) => void,
): Promise<DemoSummary> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<DemoSummary>('generate_demo', { households, seed, onProgress: channel });
}
export const cancelJob = () => call<null>('cancel_job');
export const passphraseStrength = (passphrase: string) =>
  call<Strength>('passphrase_strength', { passphrase });
export const findHouseholds = (query: string, limit = 20) =>
  call<Household[]>('find_households', { query, limit });

// Wijkprofiel (PDF) -------------------------------------------------------------
export function makeReport(
  area: string,
  from: string | null,
  to: string | null,
  compare: boolean,
  out: string,
  onProgress: (p: Progress) => void,
): Promise<ReportWritten> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<ReportWritten>('make_report', { area, from, to, compare, out, onProgress: channel });
}
// Jaarverantwoording ------------------------------------------------------------
/** The year report as the screen shows it: the same rows the PDF and the year table print. */
export const yearReport = (year: number, programme: string | null) =>
  call<YearReport>('year_report', { year, programme });
export function makeYearReport(
  year: number,
  programme: string | null,
  out: string,
  onProgress: (p: Progress) => void,
): Promise<ReportWritten> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<ReportWritten>('make_year_report', { year, programme, out, onProgress: channel });
}
export const programmeTargets = (year: number | null) =>
  call<ProgrammeTarget[]>('programme_targets', { year });
export const setProgrammeTarget = (input: TargetInput) =>
  call<ProgrammeTarget>('set_programme_target', { input });
export const programmes = () => call<string[]>('programmes');
/** Opens a file the app wrote in this session with the desktop's default program. */
export const openWritten = (path: string) => call<null>('open_written', { path });

// Gegevens: tabellen, import, bewaartermijn, bewoners ------------------------
export function exportTable(
  request: TableRequest,
  path: string,
  onProgress: (p: Progress) => void,
): Promise<TableSummary> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<TableSummary>('export_table', { request, path, onProgress: channel });
}
export function importChecksFile(
  input: CheckImportInput,
  onProgress: (p: Progress) => void = () => {},
): Promise<CheckImportResult> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<CheckImportResult>('import_checks_file', { input, onProgress: channel });
}
export const importMappings = () => call<Mapping[]>('import_mappings');
export const retentionSetting = () => call<RetentionSetting>('retention_setting');
export const setRetention = (period: string) =>
  call<RetentionSetting>('set_retention', { period });
export const purgeNow = (dryRun: boolean) => call<PurgeResult>('purge_now', { dryRun });
export const purgeAtStart = () => call<PurgeResult>('purge_at_start');
export const findResidents = (query: string, limit = 20) =>
  call<ResidentMatch[]>('find_residents', { query, limit });
export const residentData = (householdId: string) =>
  call<ResidentData>('resident_data', { householdId });
export const exportResident = (householdId: string, path: string) =>
  call<ResidentData>('export_resident', { householdId, path });
export const eraseResident = (householdId: string) =>
  call<EraseReport>('erase_resident', { householdId });
// Uitwisselen ------------------------------------------------------------------
function progressChannel(onProgress: (p: Progress) => void) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return channel;
}
export const exportFile = (
  path: string,
  scope: Scope,
  protection: ProtectionInput,
  onProgress: (p: Progress) => void,
) =>
  call<ExportReceipt>('export_file', { path, scope, protection, onProgress: progressChannel(onProgress) });
export const verifyFiles = (
  paths: string[],
  unlock: UnlockInput,
  onProgress: (p: Progress) => void,
) => call<VerifyReport>('verify_files', { paths, unlock, onProgress: progressChannel(onProgress) });
export const mergeFiles = (
  paths: string[],
  unlock: UnlockInput,
  dryRun: boolean,
  onProgress: (p: Progress) => void,
) =>
  call<MergeReceipt>('merge_files', { paths, unlock, dryRun, onProgress: progressChannel(onProgress) });
export const exchangeConflicts = (all = false) =>
  call<ConflictView[]>('exchange_conflicts', { all });
export const resolveConflict = (id: number, keep: Keep) =>
  call<ConflictView>('resolve_conflict', { id, keep });
export const exchangeKeys = () => call<SavedKey[]>('exchange_keys');
export const generateKey = (label: string, path: string) =>
  call<SavedKey>('generate_key', { label, path });
export const addOwnIdentity = (label: string, path: string) =>
  call<SavedKey>('add_own_identity', { label, path });
export const addCoordinatorKey = (label: string, publicKey: string) =>
  call<SavedKey>('add_coordinator_key', { label, publicKey });
export const importKeyFile = (label: string, path: string) =>
  call<SavedKey[]>('import_key_file', { label, path });
export const removeKey = (id: number) => call<SavedKey>('remove_key', { id });
