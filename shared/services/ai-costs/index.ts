/**
 * AI costs, budgets and settings — layer: services. Public surface of the area.
 */
export { makeGetAiSettings, makeUpdateAiSettings, checkAiSettings, type AiSettingsChanges } from './ai-settings.js';
export { makeBudgetGate, type BudgetGateDeps, type BudgetGateLoaded, type BudgetGateResult } from './budget-gate.js';
export {
  makeGetAiCosts, makeListConversationCosts, maxCostRangeDays, topConversationsLimit,
  type ConversationCostView, type CostReportDeps, type DayCostView, type MonthCostView,
} from './cost-reports.js';
export { AccountNotFoundError, AiSettingsInvalidError, CostRangeInvalidError } from './errors.js';
export { makeRecordAiCost, type RecordAiCostDeps, type RecordAiCostInput, type RecordAiCostLoaded } from './record-ai-cost.js';
