/** Standard picklist values as a new Developer Edition org ships them. */
export const INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting',
  'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage',
  'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit',
  'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other',
] as const;
export const ACCOUNT_TYPES = [
  'Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner',
  'Technology Partner', 'Other',
] as const;
export const RATINGS = ['Hot', 'Warm', 'Cold'] as const;
export const OWNERSHIPS = ['Public', 'Private', 'Subsidiary', 'Other'] as const;
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] as const;
export const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] as const;
export const OPPORTUNITY_TYPES = ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer'] as const;
export const FORECAST_CATEGORIES = ['Omitted', 'Pipeline', 'BestCase', 'MostLikely', 'Forecast', 'Closed'] as const;
export const FORECAST_CATEGORY_NAMES = ['Omitted', 'Pipeline', 'Best Case', 'Most Likely', 'Commit', 'Closed'] as const;

/** Stage → default probability, forecast category and closed/won flags (Setup > Opportunity Stages). */
export const OPPORTUNITY_STAGES: Record<string, { probability: number; forecast: string; closed: boolean; won: boolean }> = {
  Prospecting: { probability: 10, forecast: 'Pipeline', closed: false, won: false },
  Qualification: { probability: 10, forecast: 'Pipeline', closed: false, won: false },
  'Needs Analysis': { probability: 20, forecast: 'Pipeline', closed: false, won: false },
  'Value Proposition': { probability: 50, forecast: 'Pipeline', closed: false, won: false },
  'Id. Decision Makers': { probability: 60, forecast: 'Pipeline', closed: false, won: false },
  'Perception Analysis': { probability: 70, forecast: 'Pipeline', closed: false, won: false },
  'Proposal/Price Quote': { probability: 75, forecast: 'Pipeline', closed: false, won: false },
  'Negotiation/Review': { probability: 90, forecast: 'Commit', closed: false, won: false },
  'Closed Won': { probability: 100, forecast: 'Closed', closed: true, won: true },
  'Closed Lost': { probability: 0, forecast: 'Omitted', closed: true, won: false },
};

export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'] as const;
export const CASE_STATUSES = ['New', 'Working', 'Escalated', 'Closed'] as const;
export const CASE_ORIGINS = ['Phone', 'Email', 'Web'] as const;
export const CASE_PRIORITIES = ['High', 'Medium', 'Low'] as const;
export const CASE_TYPES = ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'] as const;
export const CASE_REASONS = [
  'Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other',
] as const;
export const TIME_ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Paris', 'Asia/Tokyo', 'GMT'] as const;
export const LOCALES = ['en_US', 'en_GB', 'fr_FR', 'de_DE', 'ja_JP'] as const;
export const LANGUAGES = ['en_US', 'fr', 'de', 'ja'] as const;
export const EMAIL_ENCODINGS = ['UTF-8', 'ISO-8859-1', 'Shift_JIS'] as const;
export const USER_TYPES = ['Standard', 'PowerPartner', 'CspLitePortal', 'CustomerSuccess', 'PowerCustomerSuccess', 'CsnOnly', 'Guest'] as const;
export const ACCOUNT_SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise', 'Public Sector', 'Strategic'] as const;
export const COMPETITORS = ['Acme Analytics', 'Globex', 'Initech', 'Umbrella', 'Hooli'] as const;
export const CONTACT_CHANNELS = ['Email', 'Phone', 'SMS', 'In person'] as const;
export const INVOICE_STATUSES = ['Draft', 'Sent', 'Paid', 'Overdue', 'Void'] as const;
export const INVOICE_CATEGORIES = ['Hardware', 'Software', 'Services', 'Support', 'Training'] as const;
