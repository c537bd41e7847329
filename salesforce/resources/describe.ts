import type { ApiCaller } from '../client/api-caller.js';
import { isSalesforceError } from '../errors/salesforce-error.js';
import { withExplanation } from '../errors/to-salesforce-error.js';
import { closestNames } from './closest-names.js';
import type { GlobalDescribe, SObjectDescribe } from './describe-schemas.js';
import { globalDescribeSchema, sobjectDescribeSchema } from './describe-schemas.js';

export function describeGlobal(api: ApiCaller): Promise<GlobalDescribe> {
  return api.json({ method: 'GET', path: api.path('sobjects'), route: '/sobjects' }, globalDescribeSchema, 'global describe');
}

export async function describeSObject(api: ApiCaller, object: string): Promise<SObjectDescribe> {
  try {
    return await api.json(
      { method: 'GET', path: api.path('sobjects', object, 'describe'), route: '/sobjects/{object}/describe' },
      sobjectDescribeSchema,
      `describe ${object}`,
    );
  } catch (error) {
    if (!isSalesforceError(error) || error.code !== 'NOT_FOUND') throw error;
    throw withExplanation(error, await unknownObjectExplanation(api, object));
  }
}

/**
 * Salesforce answers the same 404 for an object that does not exist and for one the user cannot see;
 * say both, and offer the org's closest object names (a failing global describe only loses the suggestions).
 */
async function unknownObjectExplanation(api: ApiCaller, object: string): Promise<string> {
  const explanation = `${object} does not exist in this org or is not visible to the integration user (check the API name, custom objects end in __c, and the user's profile or permission sets)`;
  const names = await describeGlobal(api).then(
    (global) => global.sobjects.map((sobject) => sobject.name),
    () => [],
  );
  const suggestions = closestNames(object, names);
  return suggestions.length === 0 ? explanation : `${explanation}; did you mean ${suggestions.join(' or ')}?`;
}
