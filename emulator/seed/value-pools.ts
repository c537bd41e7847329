/**
 * Source text for generated records. It deliberately carries what breaks naive pipelines: commas, quotes,
 * apostrophes, newlines, tabs, backslashes, non-Latin scripts, combining accents and emoji.
 */
export const FIRST_NAMES = [
  'Avery', 'Björn', 'Chloé', 'Dmitri', 'Élodie', 'Fatima', 'Giovanni', 'Hiroshi', 'Ingrid', 'José', 'Kwame', 'Łukasz',
  'Mei', 'Nikolai', 'Olúwaseun', 'Priya', 'Quinn', 'Rosa', 'Søren', 'Tomás', 'Uma', 'Valentina', 'Wei', 'Xóchitl',
  'Yusuf', 'Zoë', 'Анна', '李', 'محمد', 'さくら', 'Jean-Luc', "D'Andre", 'Mary Kate', 'Renée',
] as const;

export const LAST_NAMES = [
  'Adams', "O'Brien", 'Berg', 'García', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Schmidt', 'Smith-Jones', 'Tanaka',
  'van der Berg', 'Wójcik', 'Иванов', '王', '山田', 'Nguyễn', 'Ødegård', 'MacDonald', 'Da Silva', 'Al-Farsi', 'Lee',
] as const;

export const COMPANY_CORES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli',
  'Vandelay', 'Pied Piper', 'Müller & Söhne', 'Société Générale de Café', '株式会社サンプル', 'Северный Ветер',
  'Blue Sky', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Kraków Works', 'São Paulo Trading',
] as const;

export const COMPANY_SUFFIXES = [
  'Inc.', 'Ltd', 'LLC', 'GmbH', 'S.A.', 'plc', 'Co.', 'Holdings, Inc.', '& Partners', 'Group', 'K.K.', '"The Original"',
] as const;

export const STREETS = [
  '1 Market St', '221B Baker Street', '350 Fifth Avenue\nSuite 3400', 'Friedrichstraße 43', '1-1 Marunouchi\n千代田区',
  'Rua Augusta, 1500', '10 Downing St, Flat "B"', 'ul. Floriańska 3\n2nd floor', '5th Ave & Main', 'PO Box 42',
] as const;

export const CITIES = [
  { city: 'San Francisco', state: 'CA', country: 'United States', postal: '94105', lat: 37.7897, lon: -122.3972 },
  { city: 'New York', state: 'NY', country: 'United States', postal: '10118', lat: 40.7484, lon: -73.9857 },
  { city: 'London', state: null, country: 'United Kingdom', postal: 'NW1 6XE', lat: 51.5238, lon: -0.1586 },
  { city: 'Berlin', state: 'BE', country: 'Germany', postal: '10117', lat: 52.52, lon: 13.405 },
  { city: 'Zürich', state: 'ZH', country: 'Switzerland', postal: '8001', lat: 47.3769, lon: 8.5417 },
  { city: '東京', state: '東京都', country: 'Japan', postal: '100-0005', lat: 35.6812, lon: 139.7671 },
  { city: 'São Paulo', state: 'SP', country: 'Brazil', postal: '01310-100', lat: -23.5614, lon: -46.6559 },
  { city: 'Kraków', state: 'Małopolskie', country: 'Poland', postal: '31-042', lat: 50.0619, lon: 19.9368 },
  { city: 'Lagos', state: 'Lagos', country: 'Nigeria', postal: '101241', lat: 6.5244, lon: 3.3792 },
  { city: 'Montréal', state: 'QC', country: 'Canada', postal: 'H2Y 1C6', lat: 45.5017, lon: -73.5673 },
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example.co.jp'] as const;

export const DESCRIPTIONS = [
  'Key account, renewal due "Q3".',
  'Line one\nLine two\nLine three',
  'Loves ☕ and 🚀; prefers email.',
  'Price: $1,200.50; discount 5%',
  'Tab\tseparated\tnotes',
  'Path C:\\shared\\contracts\\2024',
  'Zero-width joiner family 👩‍👩‍👧 and flags 🇯🇵🇧🇷',
  'Combining accents: e\u0301 vs é',
  'Résumé of the "naïve" café deal, part 2',
  '多言語のメモ: 契約更新は来月です。',
  'Подписать договор до пятницы, затем счёт.',
  "Quote ' and double \" and backtick ` together",
  '=SUM(A1:A3) looks like a formula',
  '',
] as const;

export const PRODUCTS = ['Platform License', 'Support Renewal', 'Onboarding', 'Analytics Add-on', 'Hardware Refresh', 'Training'] as const;

export const CASE_SUBJECTS = [
  'Cannot log in', 'Invoice total is wrong, please check', 'Feature request: "dark mode"', 'Sync stopped overnight',
  'Data export contains newlines\nin field', 'Password reset 🔑', 'Frage zur Rechnung', '請求書について',
] as const;
