import type { ApiCaller } from '../client/api-caller.js';
import type { GlobalDescribe, SObjectDescribe } from './describe-schemas.js';
import { globalDescribeSchema, sobjectDescribeSchema } from './describe-schemas.js';

export function describeGlobal(api: ApiCaller): Promise<GlobalDescribe> {
  return api.json({ method: 'GET', path: api.path('sobjects'), route: '/sobjects' }, globalDescribeSchema, 'global describe');
}

export function describeSObject(api: ApiCaller, object: string): Promise<SObjectDescribe> {
  return api.json(
    { method: 'GET', path: api.path('sobjects', object, 'describe'), route: '/sobjects/{object}/describe' },
    sobjectDescribeSchema,
    `describe ${object}`,
  );
}
