import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveQuestion, maxAnswerBytes, NO_ACCOMMODATIONS } from '../src/services/effective-question.js';
import type { Question } from '../src/types.js';

const question: Question = { id: 'q1', prompt: 'Why?', thinkSeconds: 30, answerSeconds: 120, maxRetakes: 1, competencies: [], promptVideoUrl: null, captionsUrl: null };
const MBIT_1_5 = 187_500; // bytes per second

describe('per-answer upload cap', () => {
  it('fits a take extended ten times by a minute, the most the widget allows', () => {
    const cap = maxAnswerBytes(effectiveQuestion(question, NO_ACCOMMODATIONS), MBIT_1_5, 2 ** 30);
    assert.equal(cap, (120 + 600) * MBIT_1_5 + 5_000_000);
    assert.ok(cap > 720 * MBIT_1_5, 'a fully extended 1.5 Mbit/s take is under the cap');
  });

  it('is the plain answer time when the interview forbids extensions', () => {
    assert.equal(maxAnswerBytes(effectiveQuestion(question, NO_ACCOMMODATIONS), MBIT_1_5, 2 ** 30, false), 120 * MBIT_1_5 + 5_000_000);
  });

  it('scales with the time multiplier and falls back to the hard limit without a time limit', () => {
    assert.equal(maxAnswerBytes(effectiveQuestion(question, { ...NO_ACCOMMODATIONS, timeMultiplier: 1.5 }), 1, 2 ** 30, false), 180 + 5_000_000);
    assert.equal(maxAnswerBytes(effectiveQuestion(question, { ...NO_ACCOMMODATIONS, noTimeLimit: true }), 1, 12345), 12345);
  });
});
