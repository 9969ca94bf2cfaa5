import { describe, expect, it } from 'vitest';
import type { DatelineError } from '../../domain/errors.js';
import type { Role } from '../admin-api-contract.js';
import { canSee, checkEdit, type StoryFacts } from './story-access.js';

const user = (role: Role, id = 7) => ({ id, email: `${role}@example.test`, name: role, role });
const story = (status: StoryFacts['status'], createdBy: number | null = 7): StoryFacts => ({ id: 1, status, createdBy });
const editCode = (role: Role, s: StoryFacts, id = 7) => {
  try {
    checkEdit(user(role, id), s, 1);
    return 'ok';
  } catch (error) {
    return (error as DatelineError).code;
  }
};

describe('story access', () => {
  it('lets the desk see every story and others only their own', () => {
    expect(canSee(user('editor'), story('draft', 99))).toBe(true);
    expect(canSee(user('admin'), story('draft', null))).toBe(true);
    expect(canSee(user('writer'), story('draft', 99))).toBe(false);
    expect(canSee(user('writer'), story('draft', 7))).toBe(true);
    expect(canSee(user('contributor'), story('draft', null))).toBe(false);
  });

  it('answers NOT_FOUND for someone else’s story, as if it did not exist', () => {
    expect(editCode('writer', story('draft', 99))).toBe('NOT_FOUND');
  });

  it('lets writers edit own drafts and submitted stories, contributors own drafts only', () => {
    expect(editCode('writer', story('draft'))).toBe('ok');
    expect(editCode('writer', story('submitted'))).toBe('ok');
    expect(editCode('writer', story('published'))).toBe('FORBIDDEN');
    expect(editCode('contributor', story('draft'))).toBe('ok');
    expect(editCode('contributor', story('submitted'))).toBe('FORBIDDEN');
  });

  it('lets editors fix published stories but nobody change a withdrawn one', () => {
    expect(editCode('editor', story('published', null))).toBe('ok');
    expect(editCode('admin', story('withdrawn', null))).toBe('CONFLICT');
  });
});
