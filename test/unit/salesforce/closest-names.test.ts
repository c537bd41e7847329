import { describe, expect, it } from 'vitest';
import { closestNames } from '../../../salesforce/resources/closest-names.js';

const org = ['Account', 'AccountContactRelation', 'Contact', 'Contract', 'Opportunity', 'Invoice__c', 'Case'];

describe('closestNames', () => {
  it.each([
    ['Acount', ['Account']],
    ['account', ['Account']],
    ['CONTACTS', ['Contact', 'Contract']],
    ['Contrat', ['Contract', 'Contact']],
    ['Invoice', ['Invoice__c']],
    ['Widget__c', []],
    ['Cse', ['Case']],
  ])('%s -> %j', (wanted, expected) => {
    expect(closestNames(wanted, org)).toEqual(expected);
  });

  it('offers at most three names, closest first', () => {
    expect(closestNames('Obj', ['Obj1', 'Obj2', 'Ob', 'Obj3', 'Obj4'])).toEqual(['Ob', 'Obj1', 'Obj2']);
  });
});
