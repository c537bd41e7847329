import type { ObjectDef } from './object-def.js';
import { ObjectSchema } from './object-schema.js';
import { account } from './objects/account.js';
import { caseObject } from './objects/case.js';
import { contact } from './objects/contact.js';
import { invoice } from './objects/invoice.js';
import { lead } from './objects/lead.js';
import { opportunity } from './objects/opportunity.js';
import { user } from './objects/user.js';

/** The org's objects in describe order; User first so seeds can own records. */
export const ORG_OBJECTS: readonly ObjectDef[] = [user, account, contact, opportunity, lead, caseObject, invoice];

export class OrgSchema {
  readonly objects: readonly ObjectSchema[];
  private readonly byName = new Map<string, ObjectSchema>();
  private readonly byPrefix = new Map<string, ObjectSchema>();

  constructor(defs: readonly ObjectDef[] = ORG_OBJECTS) {
    this.objects = defs.map((def) => new ObjectSchema(def));
    for (const object of this.objects) {
      this.byName.set(object.name.toLowerCase(), object);
      this.byPrefix.set(object.keyPrefix, object);
    }
    for (const child of this.objects) {
      for (const field of child.fields) {
        const relationshipName = field.def.childRelationshipName;
        if (relationshipName === null) continue;
        for (const target of field.def.referenceTo) {
          this.byName.get(target.toLowerCase())?.childRelationships.push({
            childSObject: child.name, field: field.name, relationshipName, cascadeDelete: field.def.cascadeDelete,
          });
        }
      }
    }
  }

  /** Object names are case-insensitive in URLs and SOQL. */
  object(name: string): ObjectSchema | undefined {
    return this.byName.get(name.toLowerCase());
  }

  objectForId(id: string): ObjectSchema | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }
}
