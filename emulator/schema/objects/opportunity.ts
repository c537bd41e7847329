import {
  checkbox, currency, date, double, integer, lookup, multiPicklist, percent, picklist, text, textArea, SYSTEM,
} from '../field-def.js';
import type { ObjectDef } from '../object-def.js';
import {
  COMPETITORS, FORECAST_CATEGORIES, FORECAST_CATEGORY_NAMES, LEAD_SOURCES, OPPORTUNITY_STAGES, OPPORTUNITY_TYPES,
} from '../picklists.js';
import { activityFields, auditFields, idField, isDeletedField, ownerField } from '../system-fields.js';

export const opportunity: ObjectDef = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  fields: [
    idField(),
    isDeletedField(),
    lookup('AccountId', 'Account ID', ['Account'], 'Account', { children: 'Opportunities', cascadeDelete: true }),
    checkbox('IsPrivate', 'Private'),
    text('Name', 'Name', 120, { nillable: false, nameField: true }),
    textArea('Description', 'Description', 32000),
    picklist('StageName', 'Stage', Object.keys(OPPORTUNITY_STAGES), { nillable: false }),
    currency('Amount', 'Amount'),
    percent('Probability', 'Probability (%)', 3, 0, { defaultedOnCreate: true }),
    currency('ExpectedRevenue', 'Expected Amount', 18, 2, {
      ...SYSTEM, calculated: true, calculatedFormula: 'Amount * Probability / 100',
    }),
    double('TotalOpportunityQuantity', 'Quantity', 18, 2),
    date('CloseDate', 'Close Date', { nillable: false }),
    picklist('Type', 'Opportunity Type', OPPORTUNITY_TYPES),
    text('NextStep', 'Next Step', 255),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    checkbox('IsClosed', 'Closed', SYSTEM),
    checkbox('IsWon', 'Won', SYSTEM),
    picklist('ForecastCategory', 'Forecast Category', FORECAST_CATEGORIES, { ...SYSTEM, nillable: false, defaultedOnCreate: true }),
    picklist('ForecastCategoryName', 'Forecast Category', FORECAST_CATEGORY_NAMES, { defaultedOnCreate: true }),
    ownerField(['User']),
    ...auditFields(),
    ...activityFields(),
    integer('FiscalQuarter', 'Fiscal Quarter', 11, SYSTEM),
    integer('FiscalYear', 'Fiscal Year', 11, SYSTEM),
    text('Fiscal', 'Fiscal Period', 6, SYSTEM),
    percent('Discount__c', 'Discount', 5, 2),
    multiPicklist('Competitors__c', 'Competitors', COMPETITORS),
  ],
  onSave: (row, { kind }) => {
    const stage = OPPORTUNITY_STAGES[String(row.get('StageName'))];
    if (stage !== undefined && (kind === 'insert' || row.provided('StageName'))) {
      if (!row.provided('Probability')) row.set('Probability', stage.probability);
      row.set('IsClosed', stage.closed);
      row.set('IsWon', stage.won);
      // The API value behind the "Commit" label is "Forecast".
      row.set('ForecastCategory', stage.forecast === 'Commit' ? 'Forecast' : stage.forecast);
      row.set('ForecastCategoryName', stage.forecast);
    }
    const closeDate = row.get('CloseDate');
    if (typeof closeDate === 'string') {
      const year = Number(closeDate.slice(0, 4));
      const quarter = Math.floor((Number(closeDate.slice(5, 7)) - 1) / 3) + 1;
      row.set('FiscalYear', year);
      row.set('FiscalQuarter', quarter);
      row.set('Fiscal', `${year} ${quarter}`);
    }
  },
  formulas: {
    ExpectedRevenue: (get) => {
      const amount = get('Amount');
      const probability = get('Probability');
      return typeof amount === 'number' && typeof probability === 'number' ? (amount * probability) / 100 : null;
    },
  },
};
