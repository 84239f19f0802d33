import { describe, expect, it } from 'vitest';
import { tokensOf } from './analytics-test-support';
import { countOwnership } from './ownership';

describe('I against we', () => {
  it('counts every form of I and we; iShare = I / (I + we) to 2 decimals', () => {
    // I: I, I'd, my, me, myself, I’m = 6. We: we, our, us, We've = 4. iShare = 6 / 10 = 0.6.
    expect(
      countOwnership(tokensOf("I said we should. I'd take my part; give me it myself. Our team, us. We've shipped, I’m glad")),
    ).toEqual({ iCount: 6, weCount: 4, iShare: 0.6 });
  });

  it('whole words only, and null when neither is said', () => {
    expect(countOwnership(tokensOf('A minefield, mostly; user issues, weekly wear'))).toEqual({ iCount: 0, weCount: 0, iShare: null });
    // 1 / 3 = 0.333… → 0.33
    expect(countOwnership(tokensOf('I and we and ours'))).toEqual({ iCount: 1, weCount: 2, iShare: 0.33 });
    expect(countOwnership(tokensOf('mine, mine'))).toEqual({ iCount: 2, weCount: 0, iShare: 1 });
  });
});
