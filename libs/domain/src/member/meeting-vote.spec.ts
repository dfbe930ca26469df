import { memberRuleSet } from './rule-sets';
import { type MeetingVote, assessMeetingVote, checkResolutionAdopted } from './meeting-vote';

const rules = memberRuleSet('2026.05');
const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

/** 20 voting members on the roll, nobody excluded, secret ballot, one candidate. */
function vote(overrides: Partial<MeetingVote> = {}): MeetingVote {
  return {
    votingMembers: 20,
    excluded: [],
    presentVoting: 15,
    writtenOpinions: [],
    yes: 11,
    no: 3,
    abstain: 1,
    ballot: 'SECRET',
    candidates: 1,
    ...overrides,
  };
}

describe('assessMeetingVote', () => {
  it('fails with yes exactly half of should-attend and passes with one more', () => {
    expect(assessMeetingVote(rules, vote({ yes: 10, no: 4 }))).toMatchObject({
      shouldAttend: 20,
      passed: false,
      violations: [],
    });
    expect(assessMeetingVote(rules, vote({ yes: 11, no: 3 }))).toMatchObject({
      shouldAttend: 20,
      passed: true,
      violations: [],
    });
    expect(codes(checkResolutionAdopted(rules, vote({ yes: 10, no: 4 })))).toEqual([
      'VOTE_THRESHOLD_NOT_MET',
    ]);
    expect(checkResolutionAdopted(rules, vote({ yes: 11, no: 3 }))).toEqual([]);
  });

  it('uses should-attend, not present, as the denominator: 11 of 12 present is not enough of 25', () => {
    const result = assessMeetingVote(
      rules,
      vote({ votingMembers: 25, presentVoting: 13, yes: 12, no: 1, abstain: 0 }),
    );
    expect(result).toMatchObject({ quorumMet: true, yesTotal: 12, passed: false });
  });

  it('needs more than half of should-attend present: exactly half is no quorum, one more is', () => {
    const noQuorum = assessMeetingVote(rules, vote({ presentVoting: 10, yes: 10, no: 0, abstain: 0 }));
    expect(noQuorum.quorumMet).toBe(false);
    expect(codes(noQuorum.violations)).toEqual(['VOTE_QUORUM_NOT_MET']);
    expect(noQuorum.violations[0]?.article).toBe('§19');
    expect(assessMeetingVote(rules, vote({ presentVoting: 11, yes: 11, no: 0, abstain: 0 })).quorumMet).toBe(
      true,
    );
  });

  it('counts written opinions in the votes but not in the attendance', () => {
    const written = ['m1', 'm2', 'm3'].map((memberId) => ({ memberId, vote: 'YES' as const }));
    const result = assessMeetingVote(
      rules,
      vote({ presentVoting: 11, yes: 8, no: 3, abstain: 0, writtenOpinions: written }),
    );
    expect(result).toMatchObject({ quorumMet: true, yesTotal: 11, passed: true, violations: [] });
    const quorumFromWritten = assessMeetingVote(
      rules,
      vote({ presentVoting: 10, yes: 10, no: 0, abstain: 0, writtenOpinions: written }),
    );
    expect(quorumFromWritten.quorumMet).toBe(false);
  });

  it('leaves out of should-attend only the five categories, each with consent and a resolution', () => {
    const abroad = {
      memberId: 'a',
      reason: 'ABROAD_OVER_6_MONTHS' as const,
      higherConsentRef: '东镇党委函〔2026〕3号',
      meetingResolutionRef: '支部大会决议2026-05',
    };
    const sick = {
      memberId: 'b',
      reason: 'BEDRIDDEN_OR_ELDERLY' as const,
      higherConsentRef: '东镇党委函〔2026〕3号',
      meetingResolutionRef: '支部大会决议2026-05',
    };
    // 20 on the roll, 2 excluded: should-attend 18, so 10 yes passes where it failed against 20.
    const result = assessMeetingVote(
      rules,
      vote({ excluded: [abroad, sick], presentVoting: 12, yes: 10, no: 2, abstain: 0 }),
    );
    expect(result).toMatchObject({ shouldAttend: 18, quorumMet: true, passed: true, violations: [] });
    expect(
      codes(assessMeetingVote(rules, vote({ excluded: [{ ...abroad, higherConsentRef: '' }] })).violations),
    ).toEqual(['VOTE_EXCLUSION_UNSUPPORTED']);
    expect(
      codes(
        assessMeetingVote(rules, vote({ excluded: [{ ...abroad, reason: 'BUSY' as never }] })).violations,
      ),
    ).toEqual(['VOTE_EXCLUSION_NOT_ALLOWED']);
  });

  it('refuses tallies that cannot be true, open ballots and block votes', () => {
    expect(codes(assessMeetingVote(rules, vote({ yes: 12, no: 3, abstain: 1 })).violations)).toEqual([
      'VOTE_TALLY_INCONSISTENT',
    ]);
    expect(
      codes(
        assessMeetingVote(
          rules,
          vote({
            presentVoting: 19,
            writtenOpinions: [
              { memberId: 'x', vote: 'NO' },
              { memberId: 'y', vote: 'NO' },
            ],
          }),
        ).violations,
      ),
    ).toEqual(['VOTE_TALLY_INCONSISTENT']);
    expect(codes(assessMeetingVote(rules, vote({ ballot: 'SHOW_OF_HANDS' })).violations)).toEqual([
      'VOTE_NOT_SECRET',
    ]);
    expect(codes(assessMeetingVote(rules, vote({ candidates: 2 })).violations)).toEqual([
      'VOTE_NOT_ONE_BY_ONE',
    ]);
    expect(codes(assessMeetingVote(rules, vote({ presentVoting: -1 })).violations)).toContain(
      'VOTE_TALLY_INCONSISTENT',
    );
  });

  it('cites the 2014 articles for a 2014 case', () => {
    const result = assessMeetingVote(
      memberRuleSet('2014'),
      vote({ presentVoting: 10, yes: 10, no: 0, abstain: 0 }),
    );
    expect(result.violations[0]).toMatchObject({ code: 'VOTE_QUORUM_NOT_MET', article: '2014 §20' });
  });
});
